using System.Globalization;

namespace Isop.Platforms;

/// <summary>Host names as platforms use them: IDNs folded to ASCII (punycode), lower case, no trailing dot.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static bool TryNormalise(string? text, out string domain, out string problem)
    {
        domain = "";
        var s = text?.Trim().TrimEnd('.') ?? "";
        if (s.Length == 0) { problem = "must not be empty"; return false; }
        if (s.Contains("://", StringComparison.Ordinal) || s.Contains('/') || s.Contains(':'))
        {
            problem = $"expected a host name such as example.test, not a URL: \"{s}\"";
            return false;
        }
        try
        {
            domain = Idn.GetAscii(s).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            problem = $"\"{s}\" is not a valid host name";
            return false;
        }
        if (domain.Length > 253 || !domain.Contains('.') || domain.Split('.').Any(l => l.Length is 0 or > 63))
        {
            problem = $"\"{s}\" is not a valid host name (labels of 1–63 characters, at least two labels)";
            return false;
        }
        problem = "";
        return true;
    }
}
