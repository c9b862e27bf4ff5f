using System.Text;
using System.Text.RegularExpressions;

namespace Isop.Range;

/// <summary>Packs a script as the common p,a,c,k,e,d packer does: words replaced by base-62 indices into a dictionary.</summary>
public static partial class Packer
{
    [GeneratedRegex(@"\b\w+\b")]
    private static partial Regex Word();

    public static string Pack(string source)
    {
        var words = Word().Matches(source).Select(m => m.Value).Distinct().ToList();
        var payload = Word().Replace(source, m => Encode(words.IndexOf(m.Value)))
            .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        var dictionary = string.Join('|', words.Select((w, i) => w == Encode(i) ? "" : w));
        return new StringBuilder("eval(function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};")
            .Append("if(!''.replace(/^/,String)){while(c--){d[e(c)]=k[c]||e(c)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};")
            .Append("while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}")
            .Append("('").Append(payload).Append("',62,").Append(words.Count).Append(",'").Append(dictionary).Append("'.split('|'),0,{}))").ToString();
    }

    private static string Encode(int i) =>
        (i < 62 ? "" : Encode(i / 62)) + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 62];
}
