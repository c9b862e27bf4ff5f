using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Operations;
using Isop.Platforms;
using Isop.Web;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Isop.Enforcement;

/// <summary>How notices leave: the SMTP server (<c>Isop:Smtp:Host</c>, <c>Port</c>, <c>Security</c>, <c>User</c>, <c>Password</c>, <c>From</c>) and whether four-eyes holds (<c>Isop:Enforcement:FourEyes</c>, on unless set to false).</summary>
public sealed record EnforcementSettings(bool FourEyes, string? SmtpHost, int SmtpPort, SecureSocketOptions SmtpSecurity, string? SmtpUser, string? SmtpPassword, string Sender)
{
    public static EnforcementSettings Read(IConfiguration configuration)
    {
        var security = (configuration["Isop:Smtp:Security"] ?? "auto").Trim().ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" or "ssl" => SecureSocketOptions.SslOnConnect,
            "auto" => SecureSocketOptions.Auto,
            var other => throw new InvalidOperationException($"Isop:Smtp:Security: expected none, starttls, tls or auto, got \"{other}\""),
        };
        var port = 25;
        if (configuration["Isop:Smtp:Port"] is { Length: > 0 } p && (!int.TryParse(p, out port) || port is < 1 or > 65535))
            throw new InvalidOperationException($"Isop:Smtp:Port: expected a port number from 1 to 65535, got \"{p}\"");
        return new EnforcementSettings(
            !string.Equals(configuration["Isop:Enforcement:FourEyes"], "false", StringComparison.OrdinalIgnoreCase),
            configuration["Isop:Smtp:Host"] is { Length: > 0 } host ? host : null, port, security,
            configuration["Isop:Smtp:User"], configuration["Isop:Smtp:Password"],
            configuration["Isop:Smtp:From"] is { Length: > 0 } from ? from : "notices@isop.invalid");
    }
}

/// <summary>A notice that could not be sent (no SMTP server configured, the server refused it); nothing changed.</summary>
public sealed class DeliveryException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>A notice as a caller drafts it.</summary>
public sealed record NoticeInput
{
    public Guid? PlatformId { get; init; }
    public string? Recipient { get; init; }
    public string? RecipientName { get; init; }
    public string? Basis { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string>? Urls { get; init; }
    public IReadOnlyList<string>? WorkIds { get; init; }
    public Tlp? Tlp { get; init; }
    public SharesDto? SharedWith { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string[]> ReadErrors { get; init; } = new Dictionary<string, string[]>();

    public const int MaxUrls = 500, MaxUrl = 2048, MaxWorks = 200, MaxEvidencePerUrl = 5;

    private static readonly string[] Fields = ["platformId", "recipient", "recipientName", "basis", "language", "urls", "workIds", "tlp", "sharedWith"];

    public static NoticeInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["expected a notice object"];
            return new NoticeInput { ReadErrors = errors };
        }
        JsonFields.RejectUnknown(body, Fields, errors);
        Guid? platform = null;
        if (JsonFields.String(body, "platformId", errors) is { } text)
        {
            if (Guid.TryParse(text, out var id)) platform = id;
            else errors["platformId"] = [$"expected the id of a platform, got \"{ApiErrors.Quote(body.GetProperty("platformId")).Trim('"')}\""];
        }
        return new NoticeInput
        {
            PlatformId = platform,
            Recipient = JsonFields.String(body, "recipient", errors),
            RecipientName = JsonFields.String(body, "recipientName", errors),
            Basis = JsonFields.String(body, "basis", errors),
            Language = JsonFields.String(body, "language", errors),
            Urls = JsonFields.Strings(body, "urls", errors, "expected an array of URLs", "expected a URL string"),
            WorkIds = JsonFields.Strings(body, "workIds", errors, "expected an array of work ids", "expected a work id string"),
            Tlp = body.TryGetProperty("tlp", out var t) && t.ValueKind != JsonValueKind.Null ? ApiErrors.ReadTlp(body, default, errors) : null,
            SharedWith = ApiErrors.ReadShares(body, errors),
            ReadErrors = errors,
        };
    }
}

/// <summary>
/// The one write path for notices: drafted from a platform's evidence, approved by a person (another member than the
/// drafter with four-eyes on), sent over SMTP exactly as approved, and followed to their outcome. The allow-list is
/// checked when a notice is drafted, approved and sent.
/// </summary>
public sealed class NoticeWrites(IsopDb db, EnforcementSettings settings)
{
    // One notice goes out at a time: two requests to send the same notice never both reach the SMTP server.
    private static readonly SemaphoreSlim Sending = new(1, 1);

    public async Task<Notice> DraftAsync(NoticeInput input, CancellationToken ct, Guid? followUpOf = null)
    {
        var caller = db.Caller;
        var organisation = caller.OrganisationId ?? throw new AccessDeniedException($"{caller.Name} is not a member of an organisation.");
        if (!caller.CanWriteFor(organisation)) throw new AccessDeniedException($"{caller.Name} may not draft notices for this organisation.");
        var errors = new Dictionary<string, string[]>();
        Platform? platform = null;
        if (input.PlatformId is not { } platformId) { if (!input.ReadErrors.ContainsKey("platformId")) errors["platformId"] = ["required: the id of a platform"]; }
        else if ((platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == platformId, ct)) is null) errors["platformId"] = [$"no platform {platformId} that you may see"];
        var recipient = Recipient(input.Recipient, errors);
        string? recipientName = null;
        if (!string.IsNullOrWhiteSpace(input.RecipientName)) recipientName = DecisionWrites.Text(input.RecipientName, "recipientName", 200, errors, singleLine: true);
        var basis = NoticeBasis.Dmca;
        if (input.Basis is null) errors["basis"] = [$"required: {EnumNames.Expected<NoticeBasis>()}"];
        else if (!EnumNames.TryParse(input.Basis, out basis)) errors["basis"] = [$"expected {EnumNames.Expected<NoticeBasis>()}, got \"{input.Basis}\""];
        var language = input.Language?.Trim().ToLowerInvariant() ?? NoticeTemplates.DefaultLanguage(basis);
        if (!NoticeTemplates.Languages.Contains(language)) errors["language"] = [$"expected one of {string.Join(", ", NoticeTemplates.Languages)}, got \"{input.Language}\""];
        var urls = Urls(input.Urls, errors);
        var workIds = new List<Guid>();
        if (input.WorkIds?.Count > NoticeInput.MaxWorks) errors["workIds"] = [$"at most {NoticeInput.MaxWorks} works in one notice"];
        else await WorkIdsAsync(input.WorkIds ?? [], workIds, errors, ct);
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        foreach (var (field, problems) in input.ReadErrors) errors[field] = problems;
        InvalidInputException.ThrowIfAny(errors);

        await RefuseAllowedAsync(platform!, urls, ct);
        var evidence = await EvidenceAsync(platform!.Id, urls, ct);
        // A notice about a platform concerns its own pages, or what its pages were seen to link to (a cyberlocker's file, say).
        var linked = evidence.Values.SelectMany(v => v).Select(e => e.Url).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < urls.Count; i++)
            if (!linked.Contains(urls[i]) && !platform.Domains.Any(d => AllowList.IsWithin(HostOf(urls[i]), d.Name)))
                errors[$"urls[{i}]"] = [$"{urls[i]} is neither on a domain of {platform.Name} ({string.Join(", ", platform.Domains.Select(d => d.Name).Order(StringComparer.Ordinal).Take(10))}) nor a link monitoring saw on its pages"];
        InvalidInputException.ThrowIfAny(errors);
        var recognised = await db.Recognitions.AsNoTracking()
            .Where(r => r.PlatformId == platform.Id && r.WorkId != null && evidence.Keys.Contains(r.Key)).Select(r => r.WorkId!.Value).Distinct().ToListAsync(ct);
        var wanted = recognised.Concat(workIds).Distinct().ToList();
        var works = await db.Works.AsNoTracking().Where(w => wanted.Contains(w.Id)).ToListAsync(ct);
        var seen = works.Select(w => w.Id).ToHashSet();
        for (var i = 0; i < workIds.Count; i++)
            if (!seen.Contains(workIds[i])) errors[$"workIds[{i}]"] = [$"no work {input.WorkIds![i]} that you may see"];
        InvalidInputException.ThrowIfAny(errors);

        // The notice is the caller's organisation's record: what another organisation shared with it at AMBER stays within
        // that organisation (AMBER+STRICT), and a RED record of another organisation, shared with a person, cannot go into it.
        var inputs = works.Select(w => (w.Tlp, Owner: w.OwnerOrganisationId, Name: w.OrderedTitles().FirstOrDefault()?.Text ?? w.ExternalId))
            .Append((platform.Tlp, Owner: platform.OwnerOrganisationId, Name: platform.Name)).ToList();
        if (inputs.FirstOrDefault(x => x.Tlp == Tlp.Red && x.Owner != organisation) is { Name: not null } red)
            throw new InvalidInputException(new Dictionary<string, string[]> { [red.Name == platform.Name ? "platformId" : "workIds"] = [$"\"{red.Name}\" is another organisation's TLP:RED record, shared with you in person: it cannot go into your organisation's notice"] });
        var derived = DerivedTlp.Of(inputs.Select(x => (x.Tlp == Tlp.Amber && x.Owner != organisation ? Tlp.AmberStrict : x.Tlp, x.Owner)));
        // A notice is the organisation's own correspondence: unless it says otherwise (a TLP, or those it shares the notice
        // with), it stays within the organisation (AMBER+STRICT), so that a draft never reaches the wider community, or an
        // intermediary, before it is sent.
        var sharing = input.SharedWith is { } with && (with.Organisations?.Count > 0 || with.Members?.Count > 0);
        var tlp = input.Tlp ?? (sharing || derived > Tlp.AmberStrict ? derived : Tlp.AmberStrict);
        // A follow-up keeps its notice's TLP, or the successor's if that is stricter.
        if (tlp < derived && followUpOf is not null) tlp = derived;
        if (tlp < derived) throw new InvalidInputException(new Dictionary<string, string[]> { ["tlp"] = [$"must be TLP:{derived.Label()} or stricter: the notice is drawn from records shared at TLP:{derived.Label()}"] });
        var now = db.Time.GetUtcNow();
        var notice = new Notice
        {
            PlatformId = platform.Id, Recipient = recipient!, RecipientName = recipientName, Basis = basis, Language = language,
            Urls = JsonSerializer.Serialize(urls),
            Works = JsonSerializer.Serialize(works.Select(w => new NoticeWork(w.Id, TitleIn(w, language), w.RightsHolder)).OrderBy(w => w.Title, StringComparer.Ordinal).ToList(), JsonSerializerOptions.Web),
            Evidence = JsonSerializer.Serialize(evidence.Values.SelectMany(v => v).OrderBy(e => e.Url, StringComparer.Ordinal).ThenBy(e => e.CapturedAt).ToList(), JsonSerializerOptions.Web),
            Subject = "", Body = "", State = NoticeState.Drafted,
            DraftedById = caller.MemberId is { } m && m != Guid.Empty ? m : null, DraftedBy = caller.Name, DraftedAt = now,
            FollowUpOf = followUpOf, Tlp = tlp, OwnerOrganisationId = organisation, CreatedAt = now, UpdatedAt = now,
        };
        var content = await RenderAsync(notice, platform, ct);
        (notice.Subject, notice.Body) = (content.Subject, content.Body);
        db.Notices.Add(notice);
        await RecordShares.ReplaceAsync(db, notice, input.SharedWith ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return notice;
    }

    /// <summary>Approves a drafted notice: its text is made final, signed by the approver, and its digest fixed.</summary>
    public async Task<Notice?> ApproveAsync(Guid id, CancellationToken ct)
    {
        if (await WritableAsync(id, "approve", ct) is not { } notice) return null;
        var caller = db.Caller;
        if (!caller.IsMember || caller.MemberId == Guid.Empty) throw new AccessDeniedException("A person approves a notice: sign in, or use your own API token.");
        if (notice.State != NoticeState.Drafted)
            throw new ConflictException($"The notice is {EnumNames.Of(notice.State)}: only a drafted notice can be approved.");
        if (settings.FourEyes && notice.DraftedById == caller.MemberId)
            throw new ConflictException("Four-eyes: you drafted this notice, so another member of your organisation must approve it.");
        var platform = await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == notice.PlatformId, ct);
        await RefuseAllowedAsync(platform, notice.UrlList, ct);
        var now = db.Time.GetUtcNow();
        var approver = await db.Users.AsNoTracking().Where(u => u.Id == caller.MemberId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? caller.Name;
        // The approver approves the text they read: it is not rendered again (a platform renamed meanwhile changes nothing),
        // only signed, in the place the draft keeps for the signature.
        var unsigned = UnsignedText(notice.Language);
        var at = notice.Body.LastIndexOf(unsigned, StringComparison.Ordinal);
        if (at < 0) throw new ConflictException("The draft has no place for the signature: draft it again.");
        notice.Body = string.Concat(notice.Body.AsSpan(0, at), Plain(approver) ?? caller.Name, notice.Body.AsSpan(at + unsigned.Length));
        notice.State = NoticeState.Approved;
        notice.ApprovedById = caller.MemberId;
        notice.ApprovedBy = caller.Name;
        notice.ApprovedAt = now;
        notice.ContentDigest = DigestOf(notice);
        notice.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return notice;
    }

    /// <summary>Sends an approved notice through the configured SMTP server, exactly as approved; records when, by whom and the message's digest.</summary>
    public async Task<Notice?> SendAsync(Guid id, CancellationToken ct)
    {
        await Sending.WaitAsync(ct);
        try
        {
            if (await WritableAsync(id, "send", ct) is not { } notice) return null;
            if (notice.State != NoticeState.Approved)
                throw new ConflictException(notice.State switch
                {
                    NoticeState.Drafted => "The notice is not approved yet: a member must approve it before it is sent.",
                    NoticeState.Withdrawn => "The notice was withdrawn: it cannot be sent.",
                    _ => $"The notice is {EnumNames.Of(notice.State)}: it was sent already.",
                });
            if (notice.ContentDigest != DigestOf(notice)) throw new ConflictException("The notice changed after it was approved: it must be approved again.");
            var platform = await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == notice.PlatformId, ct);
            await RefuseAllowedAsync(platform, notice.UrlList, ct);
            if (settings.SmtpHost is not { } host)
                throw new DeliveryException(503, "No SMTP server is configured: set Isop:Smtp:Host and Isop:Smtp:Port (environment Isop__Smtp__Host, Isop__Smtp__Port). Nothing was sent; the notice stays approved.");
            var now = db.Time.GetUtcNow();
            var message = await MessageAsync(notice, now, ct);
            // Encoded for any server now (7-bit), so that MailKit sends these very bytes and the digest is of what went out.
            message.Prepare(EncodingConstraint.SevenBit);
            using var stream = new MemoryStream();
            await message.WriteToAsync(FormatOptions.Default, stream, ct);
            try
            {
                using var client = new SmtpClient { Timeout = 60_000 };
                await client.ConnectAsync(host, settings.SmtpPort, settings.SmtpSecurity, ct);
                if (settings.SmtpUser is { Length: > 0 } user) await client.AuthenticateAsync(user, settings.SmtpPassword ?? "", ct);
                await client.SendAsync(message, ct);
                await client.DisconnectAsync(true, ct);
            }
            catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException or TimeoutException)
            {
                throw new DeliveryException(502, $"The SMTP server {host}:{settings.SmtpPort} did not take the notice ({e.Message}). Nothing was recorded as sent; the notice stays approved.");
            }
            notice.State = NoticeState.Sent;
            notice.SentAt = now;
            notice.SentBy = db.Caller.Name;
            notice.SentFrom = settings.Sender;
            notice.MessageId = message.MessageId;
            notice.MessageDigest = Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
            notice.UpdatedAt = now;
            // Sent is sent: the record of it is saved even if the caller has gone.
            await db.SaveChangesAsync(CancellationToken.None);
            return notice;
        }
        finally
        {
            Sending.Release();
        }
    }

    /// <summary>What came of a sent notice: acknowledged, content removed, refused, or no answer.</summary>
    public async Task<Notice?> RecordOutcomeAsync(Guid id, string? state, string? note, string? at, CancellationToken ct)
    {
        if (await WritableAsync(id, "record the outcome of", ct) is not { } notice) return null;
        var errors = new Dictionary<string, string[]>();
        NoticeState outcome = default;
        var outcomes = new[] { NoticeState.Acknowledged, NoticeState.ContentRemoved, NoticeState.Refused, NoticeState.NoAnswer };
        var expected = "one of " + string.Join(", ", outcomes.Select(EnumNames.Of));
        if (state is null) errors["state"] = [$"required: {expected}"];
        else if (!EnumNames.TryParse(state, out outcome) || !outcomes.Contains(outcome)) errors["state"] = [$"expected {expected}, got \"{state}\""];
        string? text = null;
        if (!string.IsNullOrWhiteSpace(note)) text = DecisionWrites.Text(note, "note", 2000, errors);
        var when = db.Time.GetUtcNow();
        if (at is not null && !Cli.SharingCommands.TryParseSince(at, out when)) errors["at"] = [$"expected an ISO 8601 date or time, got \"{at}\""];
        InvalidInputException.ThrowIfAny(errors);
        if (notice.SentAt is not { } sent) throw new ConflictException($"The notice is {EnumNames.Of(notice.State)}: an outcome is recorded once it is sent.");
        if (when < sent) throw new InvalidInputException(new Dictionary<string, string[]> { ["at"] = ["must not be before the notice was sent"] });
        notice.State = outcome;
        if (outcome != NoticeState.NoAnswer) notice.RespondedAt ??= when;
        notice.OutcomeNote = text ?? notice.OutcomeNote;
        notice.UpdatedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return notice;
    }

    /// <summary>Withdraws a notice that is not sent yet (a draft or an approved notice): it stays on record, with why and by whom, and can no longer be sent.</summary>
    public async Task<Notice?> WithdrawAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (await WritableAsync(id, "withdraw", ct) is not { } notice) return null;
        var errors = new Dictionary<string, string[]>();
        string? text = null;
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["required: why the notice is withdrawn"];
        else text = DecisionWrites.Text(reason, "reason", 2000, errors);
        InvalidInputException.ThrowIfAny(errors);
        // Waits for a sending in progress: a notice is either sent or withdrawn, never both.
        await Sending.WaitAsync(ct);
        try
        {
            await db.Entry(notice).ReloadAsync(ct);
            if (notice.State is not (NoticeState.Drafted or NoticeState.Approved))
                throw new ConflictException($"The notice is {EnumNames.Of(notice.State)}: only a notice not sent yet can be withdrawn.");
            var now = db.Time.GetUtcNow();
            notice.State = NoticeState.Withdrawn;
            notice.WithdrawnAt = now;
            notice.WithdrawnBy = db.Caller.Name;
            notice.OutcomeNote = text;
            notice.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return notice;
        }
        finally
        {
            Sending.Release();
        }
    }

    /// <summary>
    /// Drafts the same notice against the platform's successor, found by monitoring after the notice was sent: each URL's
    /// host moved from the dark domain to its successor. Only the notice's own organisation follows it up.
    /// </summary>
    public async Task<Notice?> FollowUpAsync(Guid id, CancellationToken ct)
    {
        if (await WritableAsync(id, "follow up", ct) is not { } notice) return null;
        var effect = (await NoticesApi.EffectsAsync(db, [notice], ct)).GetValueOrDefault(notice.Id);
        if (effect?.Successors.LastOrDefault() is not { } successor)
            throw new ConflictException(notice.SentAt is null
                ? "The notice is not sent yet: a follow-up repeats a sent notice against the platform's successor."
                : "Monitoring has found no successor of the platform since the notice was sent.");
        var urls = notice.UrlList.Select(u =>
        {
            var uri = new UriBuilder(u);
            var host = uri.Host.TrimEnd('.');
            if (string.Equals(host, successor.FromDomain, StringComparison.OrdinalIgnoreCase)) uri.Host = successor.ToDomain;
            else if (host.EndsWith("." + successor.FromDomain, StringComparison.OrdinalIgnoreCase)) uri.Host = host[..^successor.FromDomain.Length] + successor.ToDomain;
            return uri.Uri.AbsoluteUri;
        }).Distinct().ToList();
        return await DraftAsync(new NoticeInput
        {
            PlatformId = successor.ToPlatformId ?? notice.PlatformId, Recipient = notice.Recipient, RecipientName = notice.RecipientName,
            Basis = EnumNames.Of(notice.Basis), Language = notice.Language, Urls = urls,
            WorkIds = [.. notice.WorkList.Select(w => w.Id.ToString())], Tlp = notice.Tlp,
        }, ct, followUpOf: notice.Id);
    }

    /// <summary>The message as it is (or would be) sent: the text in its language, the evidence attached as JSON.</summary>
    public async Task<MimeMessage> MessageAsync(Notice notice, DateTimeOffset at, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == notice.OwnerOrganisationId).Select(o => o.Name).SingleAsync(ct);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(organisation, settings.Sender));
        if (MailboxAddress.TryParse(notice.DraftedBy, out var drafter) && drafter.Address.Contains('@', StringComparison.Ordinal)) message.ReplyTo.Add(drafter);
        message.To.Add(new MailboxAddress(notice.RecipientName ?? "", notice.Recipient));
        message.Subject = notice.Subject;
        message.Date = at;
        var domain = settings.Sender[(settings.Sender.LastIndexOf('@') + 1)..];
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(domain.Length > 0 ? domain : "isop.invalid");
        message.Headers.Add("X-Isop-Notice", notice.Id.ToString());
        message.Headers.Add("X-Isop-Basis", EnumNames.Of(notice.Basis));
        var text = new TextPart("plain");
        text.SetText("utf-8", notice.Body);
        text.Headers.Add(HeaderId.ContentLanguage, notice.Language);
        var evidence = new MimePart("application", "json")
        {
            Content = new MimeContent(new MemoryStream(EvidenceJson(notice))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "evidence.json",
        };
        message.Body = new Multipart("mixed") { text, evidence };
        return message;
    }

    /// <summary>The evidence summary attached to a notice: what it concerns and every record behind it.</summary>
    public static byte[] EvidenceJson(Notice notice) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        notice = notice.Id,
        basis = EnumNames.Of(notice.Basis),
        platformId = notice.PlatformId,
        urls = notice.UrlList,
        works = notice.WorkList,
        evidence = notice.EvidenceList,
        approvedBy = notice.ApprovedBy,
        approvedAt = notice.ApprovedAt,
        contentDigest = notice.ContentDigest,
    }, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true });

    /// <summary>SHA-256 of what a person approves: recipient, basis, language, subject, body and evidence.</summary>
    internal static string DigestOf(Notice n) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', n.Recipient, n.RecipientName ?? "", EnumNames.Of(n.Basis), n.Language, n.Subject, n.Body, n.Urls, n.Works, n.Evidence))));

    private async Task<Notice?> WritableAsync(Guid id, string verb, CancellationToken ct)
    {
        var notice = await db.Notices.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is not null && !db.Caller.CanWriteFor(notice.OwnerOrganisationId))
            throw new AccessDeniedException($"{db.Caller.Name} may not {verb} this notice.");
        return notice;
    }

    private Task RefuseAllowedAsync(Platform platform, IEnumerable<string> urls, CancellationToken ct) =>
        AllowLists.RefuseCoveredAsync(db, urls.Select(HostOf).Concat(platform.Domains.Select(d => d.Name)),
            $"no notice may be sent about platform {platform.Name}", ct);

    /// <summary>A URL's host as the allow-list compares it: ASCII (IDNA), lower case, without a trailing dot.</summary>
    internal static string HostOf(string url) => new Uri(url).IdnHost.ToLowerInvariant().TrimEnd('.');

    /// <summary>The draft's text; the signature is left as a placeholder, which approval fills in.</summary>
    private async Task<NoticeContent> RenderAsync(Notice notice, Platform platform, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == notice.OwnerOrganisationId, ct);
        var drafter = notice.DraftedById is { } d ? await db.Users.AsNoTracking().Where(u => u.Id == d).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct) : null;
        var model = new Dictionary<string, object?>
        {
            ["notice_id"] = notice.Id.ToString(),
            ["date"] = (notice.ApprovedAt ?? db.Time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["recipient"] = notice.Recipient,
            ["recipient_name"] = notice.RecipientName,
            ["organisation"] = organisation.Name,
            ["organisation_country"] = organisation.Country,
            ["contact_name"] = drafter?.DisplayName ?? notice.DraftedBy,
            ["contact_email"] = drafter?.Email ?? settings.Sender,
            ["signatory"] = UnsignedText(notice.Language),
            ["platform"] = platform.Name,
            ["domains"] = platform.Domains.Select(x => x.Name).Order(StringComparer.Ordinal).ToList(),
            ["urls"] = notice.UrlList.ToList(),
            ["uncaptured"] = notice.UrlList.Where(u => notice.EvidenceList.All(e => e.Url != u)).ToList(),
            ["works"] = notice.WorkList.Select(w => new Dictionary<string, object?> { ["title"] = w.Title, ["rights_holder"] = w.RightsHolder }).ToList(),
            ["evidence"] = notice.EvidenceList.Select(e => new Dictionary<string, object?>
            {
                ["url"] = e.Url,
                ["captured"] = e.CapturedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                ["text"] = e.Text,
                ["record"] = e.WarcFile is { } f ? $"{f}@{e.WarcOffset}" : null,
                ["digest"] = e.Digest,
            }).ToList(),
        };
        return NoticeTemplates.Render(notice.Basis, notice.Language, model);
    }

    private static string UnsignedText(string language) => language switch
    {
        "fr" => "(signature lors de l'approbation)",
        "ko" => "(승인 시 서명)",
        _ => "(signed on approval)",
    };

    /// <summary>The captures of the URLs on the platform: listings seen there, and links to them from its pages; by the listing's key.</summary>
    private async Task<Dictionary<string, List<NoticeEvidence>>> EvidenceAsync(Guid platformId, IReadOnlyList<string> urls, CancellationToken ct)
    {
        var listings = await db.Observations.AsNoTracking()
            .Where(o => o.PlatformId == platformId && ((o.PageUrl != null && urls.Contains(o.PageUrl)) || (o.Href != null && urls.Contains(o.Href))))
            .Select(o => new { o.Key, o.PageUrl, o.Href, o.Text, o.LastSeen, o.WarcFile, o.WarcOffset, o.EvidenceDigest })
            .ToListAsync(ct);
        var links = await db.LinkSightings.AsNoTracking()
            .Where(l => l.PlatformId == platformId && urls.Contains(l.Url))
            .Select(l => new { l.Url, l.Label, l.LastSeen, l.WarcFile, l.WarcOffset })
            .ToListAsync(ct);
        var found = new Dictionary<string, List<NoticeEvidence>>(StringComparer.Ordinal);
        foreach (var o in listings)
        {
            var url = o.Href is { } h && urls.Contains(h) ? h : o.PageUrl!;
            if (!found.TryGetValue(o.Key, out var list)) found[o.Key] = list = [];
            list.Add(new NoticeEvidence(url, "listing", Plain(o.Text), o.LastSeen, o.WarcFile, o.WarcOffset, o.EvidenceDigest));
        }
        foreach (var l in links)
        {
            var key = "link:" + l.Url;
            if (!found.TryGetValue(key, out var list)) found[key] = list = [];
            list.Add(new NoticeEvidence(l.Url, "link", Plain(l.Label), l.LastSeen, l.WarcFile, l.WarcOffset, null));
        }
        // The latest captures of each URL are enough to show it was served; a page with thousands of listings does not make a notice of megabytes.
        var kept = found.SelectMany(f => f.Value.Select(e => (f.Key, e))).GroupBy(x => x.e.Url, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(x => x.e.CapturedAt).Take(NoticeInput.MaxEvidencePerUrl)).ToList();
        return kept.GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.e).ToList(), StringComparer.Ordinal);
    }

    /// <summary>A page's text on one line, without control characters, and not longer than a notice line should be.</summary>
    private static string? Plain(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Controls, line and paragraph separators and format characters (zero-width, direction marks) become spaces: page text cannot fake lines of a notice.
        var clean = new string([.. text.Select(c => char.IsControl(c) || TextChecks.IsDirectionControl(c)
            || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.Format ? ' ' : c)]).Trim();
        if (clean.Length <= 300) return clean;
        var cut = 300;
        if (char.IsHighSurrogate(clean[cut - 1])) cut--;
        return clean[..cut] + "…";
    }

    /// <summary>
    /// The works named in a notice, by id or by catalogue id (the rights holder's own reference); each position keeps its
    /// place, so that an error names the entry given. A catalogue id that several works you may see share is refused.
    /// </summary>
    private async Task WorkIdsAsync(IReadOnlyList<string> given, List<Guid> ids, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var references = given.Where(g => !Guid.TryParse(g, out _) && !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var byReference = (await db.Works.AsNoTracking().Where(w => references.Contains(w.ExternalId)).Select(w => new { w.ExternalId, w.Id }).ToListAsync(ct))
            .GroupBy(w => w.ExternalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(w => w.Id).ToList(), StringComparer.Ordinal);
        for (var i = 0; i < given.Count; i++)
        {
            var text = given[i]?.Trim() ?? "";
            if (Guid.TryParse(text, out var id)) ids.Add(id);
            else if (text.Length == 0) errors[$"workIds[{i}]"] = ["expected the id or catalogue id of a work, got an empty text"];
            else if (!byReference.TryGetValue(text, out var found)) errors[$"workIds[{i}]"] = [$"no work with the id or catalogue id \"{(text.Length > 200 ? text[..200] + "…" : text)}\" that you may see"];
            else if (found.Count > 1) errors[$"workIds[{i}]"] = [$"{found.Count} works you may see have the catalogue id \"{text}\": give the work's id ({string.Join(", ", found.Take(5))})"];
            else ids.Add(found[0]);
        }
    }

    /// <summary>A work's title in the notice's language, followed by its original title when that differs ("Queen of Tears (눈물의 여왕)").</summary>
    internal static string TitleIn(Work work, string language)
    {
        var titles = work.OrderedTitles().ToList();
        if (titles.Count == 0) return work.ExternalId;
        var original = titles[0].Text;
        var local = titles.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase)
            || t.Language.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase))?.Text;
        return local is null || local == original ? original : $"{local} ({original})";
    }

    /// <summary>Whether a text is exactly one bare e-mail address (no display name, no list, no spaces or controls): what a notice is sent to.</summary>
    internal static bool IsOneAddress(string value) =>
        value.Length <= 320 && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) && MailboxAddress.TryParse(value, out var address)
        && address.Address == value && value.Count(c => c == '@') == 1 && !value.StartsWith('@') && !value.EndsWith('@');

    private static string? Recipient(string? text, Dictionary<string, string[]> errors)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) errors["recipient"] = ["required: an e-mail address such as abuse@host.example"];
        else if (!IsOneAddress(value)) errors["recipient"] = [$"expected one e-mail address such as abuse@host.example, got \"{value}\""];
        else return value;
        return null;
    }

    private static List<string> Urls(IReadOnlyList<string>? given, Dictionary<string, string[]> errors)
    {
        var urls = new List<string>();
        if (given is null or { Count: 0 })
        {
            errors["urls"] = ["required: one or more URLs of the material concerned"];
            return urls;
        }
        if (given.Count > NoticeInput.MaxUrls)
        {
            errors["urls"] = [$"at most {NoticeInput.MaxUrls} URLs in one notice"];
            return urls;
        }
        for (var i = 0; i < given.Count; i++)
        {
            var text = given[i]?.Trim() ?? "";
            if (text.Length > NoticeInput.MaxUrl) errors[$"urls[{i}]"] = [$"longer than {NoticeInput.MaxUrl} characters"];
            else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host) || text.Any(char.IsControl))
                errors[$"urls[{i}]"] = [$"expected an http or https URL, got \"{(text.Length > 200 ? text[..200] + "…" : text)}\""];
            else if (!string.IsNullOrEmpty(uri.UserInfo)) errors[$"urls[{i}]"] = ["must not carry a user name or password"];
            else if (!urls.Contains(text)) urls.Add(text);
        }
        return urls;
    }
}
