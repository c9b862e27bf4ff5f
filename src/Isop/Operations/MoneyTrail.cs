using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Isop.Access;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>One money identifier on one platform: what it is, where and when it was seen, the operation the platform belongs to, and the evidence record.</summary>
public sealed record MoneyRow(
    string Kind, string Value, Guid Platform, string PlatformName, IReadOnlyList<string> Domains, Guid? Operation, Tlp Tlp,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? PageUrl, string? WarcFile, long? WarcOffset, string? OperationName = null);

/// <summary>
/// The money trail for financial investigators: wallets, ad publisher, affiliate and donation accounts, and links to
/// payment pages, each on the platforms that show it and the operations those belong to, from the records the caller
/// may see; as rows, and as CSV that a spreadsheet opens without running anything.
/// </summary>
public sealed class MoneyTrail(IsopDb db, OperationFinder operations)
{
    /// <summary>Identifier kinds that are accounts money goes to.</summary>
    public static readonly string[] Kinds = ["adsense", "yandex-rtb", "paypal", "donation", "affiliate"];

    /// <summary>Payment services a "buy" or "donate" link leads to: such a link is a payment page of the platform.</summary>
    private static readonly string[] PaymentHosts =
    [
        "paypal.com", "checkout.stripe.com", "buy.stripe.com", "commerce.coinbase.com", "nowpayments.io", "coinpayments.net", "payeer.com", "perfectmoney.com",
        "webmoney.ru", "bitpay.com", "gumroad.com", "sellix.io", "shoppy.gg", "payop.com", "cryptomus.com", "plisio.net", "oxapay.com", "cryptocloud.plus",
    ];

    /// <summary>A link to a payment service or one of its subdomains, as one condition (one pass over the links, not one per service).</summary>
    private static readonly Expression<Func<Monitoring.LinkSighting, bool>> OnPaymentHost = BuildOnPaymentHost();

    private static Expression<Func<Monitoring.LinkSighting, bool>> BuildOnPaymentHost()
    {
        var link = Expression.Parameter(typeof(Monitoring.LinkSighting), "l");
        var host = Expression.Property(link, nameof(Monitoring.LinkSighting.Host));
        var endsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
        var body = PaymentHosts.Select(h => (Expression)Expression.OrElse(
                Expression.Equal(host, Expression.Constant(h)),
                Expression.Call(host, endsWith, Expression.Constant("." + h))))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Monitoring.LinkSighting, bool>>(body, link);
    }

    public async Task<IReadOnlyList<MoneyRow>> RowsAsync(CancellationToken ct)
    {
        var sightings = await db.SignalSightings.AsNoTracking()
            .Where(s => s.Type.StartsWith("wallet-") || Kinds.Contains(s.Type))
            .Select(s => new { s.PlatformId, s.Type, s.Value, s.FirstSeen, s.LastSeen, s.PageUrl, s.WarcFile, s.WarcOffset })
            .ToListAsync(ct);
        var links = await db.LinkSightings.AsNoTracking().Where(OnPaymentHost)
            .Select(l => new { l.PlatformId, l.Host, l.Url, l.FirstSeen, l.LastSeen, l.PageUrl, l.WarcFile, l.WarcOffset }).ToListAsync(ct);
        var ids = sightings.Select(s => s.PlatformId).Concat(links.Select(l => l.PlatformId)).Distinct().ToList();
        var platforms = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Tlp, p.OwnerOrganisationId, Domains = p.Domains.OrderBy(d => d.FirstSeen).Select(d => d.Name).ToList() })
            .ToDictionaryAsync(p => p.Id, ct);
        var found = (await operations.FindAsync(ct)).SelectMany(o => o.Platforms.Select(p => (Platform: p.Id, Operation: o))).ToDictionary(x => x.Platform, x => x.Operation);
        var operationOf = found.ToDictionary(x => x.Key, x => x.Value.Id);
        // An operation as people read it: its platforms' names (the first three, and how many more).
        string? NameOf(Guid platform) => found.TryGetValue(platform, out var o)
            ? string.Join(" + ", o.Platforms.Take(3).Select(p => p.Name)) + (o.Platforms.Count > 3 ? $" + {o.Platforms.Count - 3}" : "") : null;
        // A row that names an operation rests on the operation's platforms too: it carries their TLP.
        Tlp RowTlp(Guid platform) => found.TryGetValue(platform, out var o) ? DerivedTlp.Of([(platforms[platform].Tlp, platforms[platform].OwnerOrganisationId), (o.Tlp, platforms[platform].OwnerOrganisationId)]) : platforms[platform].Tlp;
        var rows = new List<MoneyRow>();
        foreach (var s in sightings.Where(s => platforms.ContainsKey(s.PlatformId)))
        {
            var p = platforms[s.PlatformId];
            rows.Add(new MoneyRow(s.Type, s.Value, p.Id, p.Name, p.Domains, operationOf.TryGetValue(p.Id, out var o) ? o : null, RowTlp(p.Id), s.FirstSeen, s.LastSeen, s.PageUrl, s.WarcFile, s.WarcOffset, NameOf(p.Id)));
        }
        foreach (var l in links.Where(l => platforms.ContainsKey(l.PlatformId)))
        {
            var p = platforms[l.PlatformId];
            rows.Add(new MoneyRow("payment-page", l.Url, p.Id, p.Name, p.Domains, operationOf.TryGetValue(p.Id, out var o) ? o : null, RowTlp(p.Id), l.FirstSeen, l.LastSeen, l.PageUrl, l.WarcFile, l.WarcOffset, NameOf(p.Id)));
        }
        return [.. rows.OrderBy(r => r.Operation is null).ThenBy(r => r.Operation).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal).ThenBy(r => r.PlatformName, StringComparer.Ordinal)];
    }

    public static readonly string[] CsvColumns =
        ["kind", "value", "platform", "platform_name", "domains", "operation", "tlp", "first_seen", "last_seen", "page_url", "warc_file", "warc_offset", "operation_platforms"];

    /// <summary>The rows as CSV (RFC 4180, every cell quoted), one header line; a cell a spreadsheet would read as a formula starts with an apostrophe.</summary>
    public static string Csv(IEnumerable<MoneyRow> rows)
    {
        var csv = new StringBuilder().AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var r in rows)
        {
            string?[] cells =
            [
                r.Kind, r.Value, r.Platform.ToString(), r.PlatformName, string.Join(' ', r.Domains), r.Operation?.ToString(), r.Tlp.Label(),
                r.FirstSeen.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), r.LastSeen.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                r.PageUrl, r.WarcFile, r.WarcOffset?.ToString(CultureInfo.InvariantCulture), r.OperationName,
            ];
            csv.Append(Web.Csv.Row(cells));
        }
        return csv.ToString();
    }
}
