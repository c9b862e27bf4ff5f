namespace Isop.Range;

/// <summary>The words of site chrome in the range's three languages.</summary>
internal static class RangeText
{
    private static readonly Dictionary<string, (string En, string Ko, string Fr)> Words = new()
    {
        ["home"] = ("Home", "홈", "Accueil"),
        ["latest"] = ("Latest", "최신", "Dernières sorties"),
        ["next"] = ("Next", "다음", "Suivant"),
        ["previous"] = ("Previous", "이전", "Précédent"),
        ["download"] = ("Download", "다운로드", "Télécharger"),
        ["watch"] = ("Watch now", "바로 보기", "Regarder"),
        ["comments"] = ("Comments", "댓글", "Commentaires"),
        ["views"] = ("views", "조회", "vues"),
        ["seeders"] = ("Seeders", "시더", "Sources"),
        ["leechers"] = ("Leechers", "리처", "Clients"),
        ["size"] = ("Size", "크기", "Taille"),
        ["added"] = ("Added", "등록일", "Ajouté"),
        ["name"] = ("Name", "제목", "Nom"),
        ["join"] = ("Join our Telegram channel", "텔레그램 채널 참여", "Rejoignez notre canal Telegram"),
        ["donate"] = ("Support us (BTC)", "후원하기 (BTC)", "Soutenez-nous (BTC)"),
        ["contact"] = ("Contact", "문의", "Contact"),
        ["dmca"] = ("DMCA", "저작권 신고", "DMCA"),
        ["series"] = ("TV series", "드라마", "Séries"),
        ["movies"] = ("Movies", "영화", "Films"),
        ["thanks"] = ("Thanks for the upload!", "감사합니다!", "Merci pour l'upload !"),
        ["ad"] = ("Advertisement", "광고", "Publicité"),
        ["chapter"] = ("Read chapter", "보기", "Lire le chapitre"),
        ["more"] = ("Continue reading", "더 읽기", "Lire la suite"),
        ["partners"] = ("Partner sites", "제휴 사이트", "Sites partenaires"),
    };

    public static string T(string language, string key)
    {
        var (en, ko, fr) = Words[key];
        return language switch { "ko" => ko, "fr" => fr, _ => en };
    }
}
