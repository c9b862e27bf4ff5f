namespace Isop.Enforcement;

/// <summary>The English names of states and legal bases, which the pages translate (the resources hold EN, FR and KO).</summary>
public static class EnforcementLabels
{
    public static string Of(NoticeState state) => state switch
    {
        NoticeState.Drafted => "Drafted",
        NoticeState.Approved => "Approved",
        NoticeState.Sent => "Sent",
        NoticeState.Acknowledged => "Acknowledged",
        NoticeState.ContentRemoved => "Content removed",
        NoticeState.Refused => "Refused",
        NoticeState.NoAnswer => "No answer",
        _ => "Withdrawn",
    };

    public static string Of(NoticeBasis basis) => basis switch
    {
        NoticeBasis.Dmca => "US DMCA §512(c)(3)",
        NoticeBasis.Dsa => "EU Digital Services Act, Article 16",
        _ => "Korean Copyright Act, Article 103",
    };

    public static string Language(string code) => code switch
    {
        "fr" => "French",
        "ko" => "Korean",
        _ => "English",
    };
}
