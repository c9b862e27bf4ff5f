using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Isop.Cases;

/// <summary>Cases through the API: members only; every read under the caller's TLP, every write through <see cref="CaseWrites"/>.</summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization(AccessServices.MemberPolicy);
        cases.MapGet("/", List).WithSummary("The cases you may read, newest change first; ?q= searches titles and summaries, ?status= filters, ?sort=title|-title|status|created|-created|updated.");
        cases.MapGet("/{id:guid}", Get).WithSummary("A case with its participants, links, people, notes and tasks.");
        cases.MapGet("/{id:guid}/timeline", Timeline).WithSummary("What happened to the case and the entities it links, newest first (from the audit log, as far as you may see).");
        cases.MapGet("/{id:guid}/evidence", Evidence).WithSummary("The WARC records the case relies on.");
        cases.MapPost("/", Create).Accepts<CaseInput>("application/json").WithSummary("Open a case, led by your organisation: {\"title\", \"summary\", \"tlp\", \"sharedWith\": {\"organisations\": [participants], \"members\": [named members]}}.");
        cases.MapPut("/{id:guid}", Update).Accepts<CaseInput>("application/json");
        cases.MapDelete("/{id:guid}", Delete);
        cases.MapPost("/{id:guid}/status", Status).WithSummary("Move the case on: {\"status\": \"investigating\"|\"action\"|\"closed\"|\"open\"}.");
        cases.MapPost("/{id:guid}/transfer", Transfer).WithSummary("Hand the lead to another organisation: {\"organisation\": id}; the former lead keeps taking part.");
        cases.MapPost("/{id:guid}/links", Link).Accepts<CaseLinkInput>("application/json").WithSummary("Link an entity: {\"kind\": \"platform\"|\"operation\"|\"work\", \"id\": …} or {\"kind\": \"release-group\"|\"identifier\", \"value\": …}.");
        cases.MapDelete("/{id:guid}/links/{linkId:guid}", Unlink);
        cases.MapPost("/{id:guid}/people", AddPerson).Accepts<CasePersonInput>("application/json");
        cases.MapPut("/{id:guid}/people/{personId:guid}", UpdatePerson).Accepts<CasePersonInput>("application/json");
        cases.MapDelete("/{id:guid}/people/{personId:guid}", RemovePerson);
        cases.MapPost("/{id:guid}/notes", AddNote).WithSummary("Add a note: {\"text\": \"… @colleague …\"}; participants may too.");
        cases.MapPost("/{id:guid}/tasks", AddTask).Accepts<CaseTaskInput>("application/json");
        cases.MapPost("/{id:guid}/tasks/{taskId:guid}/done", TaskDone).WithSummary("Mark a task done ({\"done\": false} reopens it): the lead's writers or its assignee.");
        cases.MapPost("/{id:guid}/evidence", Attach).WithSummary("Attach evidence of a platform: {\"platform\": id} (its latest captures) or {\"platform\": id, \"file\": …, \"offset\": n} (one record).");
        cases.MapDelete("/{id:guid}/evidence/{evidenceId:guid}", Detach);
        cases.MapGet("/{id:guid}/package", Package).Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("The case's evidence package (ZIP): its WARC records, chain of custody, report (HTML, PDF unless ?pdf=false), and the signed, time-stamped manifest; check it offline with `isop evidence verify`.");
        return app;
    }

    private static async Task<Results<Ok<Paged<CaseSummaryView>>, ValidationProblem>> List(CaseReads reads, string? q, string? status, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        CaseStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!EnumNames.TryParse<CaseStatus>(status, out var s))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"expected {EnumNames.Expected<CaseStatus>()}, got \"{TextChecks.Printable(status)}\""] });
            filter = s;
        }
        return TypedResults.Ok(await reads.ListAsync(q, filter, sort, page, pageSize, ct));
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> Get(CaseReads reads, Guid id, CancellationToken ct) =>
        await reads.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, NotFound>> Timeline(CaseReads reads, Guid id, int? limit, CancellationToken ct) =>
        await reads.TimelineAsync(id, limit ?? 200, ct) is { } entries ? TypedResults.Ok(entries) : TypedResults.NotFound();

    private static async Task<Results<Ok<Paged<CaseEvidenceView>>, NotFound>> Evidence(CaseReads reads, Guid id, int? page, int? pageSize, CancellationToken ct) =>
        await reads.GetAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await reads.EvidenceAsync(id, page, pageSize, ct));

    private static async Task<Created<CaseView>> Create(CaseWrites writes, CaseReads reads, HttpRequest request, CancellationToken ct)
    {
        var record = await writes.CreateAsync(await ApiErrors.ReadInputAsync(request, CaseInput.Read, ct), ct);
        return TypedResults.Created($"/api/v1/cases/{record.Id}", (await reads.GetAsync(record.Id, ct))!);
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> Update(CaseWrites writes, CaseReads reads, Guid id, HttpRequest request, CancellationToken ct) =>
        await writes.UpdateAsync(id, await ApiErrors.ReadInputAsync(request, CaseInput.Read, ct), ct) is null ? TypedResults.NotFound() : await ViewAsync(reads, id, ct);

    private static async Task<Results<NoContent, NotFound>> Delete(CaseWrites writes, Guid id, CancellationToken ct) =>
        await writes.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseView>, NotFound>> Status(CaseWrites writes, CaseReads reads, Guid id, HttpRequest request, CancellationToken ct)
    {
        var status = await ReadAsync(request, (body, errors) =>
        {
            if (body.ValueKind == JsonValueKind.Object) JsonFields.RejectUnknown(body, ["status"], errors);
            var text = body.ValueKind == JsonValueKind.Object ? JsonFields.String(body, "status", errors) : null;
            if (EnumNames.TryParse<CaseStatus>(text, out var s)) return s;
            if (!errors.ContainsKey("status")) errors["status"] = [$"required: {EnumNames.Expected<CaseStatus>()}"];
            return CaseStatus.Open;
        }, ct);
        return await writes.SetStatusAsync(id, status, ct) is null ? TypedResults.NotFound() : await ViewAsync(reads, id, ct);
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> Transfer(CaseWrites writes, CaseReads reads, Guid id, HttpRequest request, CancellationToken ct)
    {
        var organisation = await ReadAsync(request, (body, errors) => IdField(body, "organisation", errors), ct);
        if (await writes.TransferAsync(id, organisation, ct) is null) return TypedResults.NotFound();
        // The caller's organisation may no longer read it (an AMBER+STRICT case): say what was done, not more.
        return await reads.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<CaseLinkView>, NotFound>> Link(CaseWrites writes, CaseReads reads, Guid id, HttpRequest request, CancellationToken ct)
    {
        if (await writes.LinkAsync(id, await ReadAsync(request, CaseLinkInput.Read, ct), ct) is not { } link) return TypedResults.NotFound();
        var view = (await reads.LinksAsync(id, ct)).Single(l => l.Id == link.Id);
        return TypedResults.Created($"/api/v1/cases/{id}/links/{link.Id}", view);
    }

    private static async Task<Results<NoContent, NotFound>> Unlink(CaseWrites writes, Guid id, Guid linkId, CancellationToken ct) =>
        await writes.UnlinkAsync(id, linkId, ct) is true ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created<CasePersonView>, NotFound>> AddPerson(CaseWrites writes, Guid id, HttpRequest request, CancellationToken ct) =>
        await writes.AddPersonAsync(id, await ReadAsync(request, CasePersonInput.Read, ct), ct) is { } p
            ? TypedResults.Created($"/api/v1/cases/{id}/people/{p.Id}", PersonView(p)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CasePersonView>, NotFound>> UpdatePerson(CaseWrites writes, Guid id, Guid personId, HttpRequest request, CancellationToken ct) =>
        await writes.UpdatePersonAsync(id, personId, await ReadAsync(request, CasePersonInput.Read, ct), ct) is { } p
            ? TypedResults.Ok(PersonView(p)) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> RemovePerson(CaseWrites writes, Guid id, Guid personId, CancellationToken ct) =>
        await writes.RemovePersonAsync(id, personId, ct) is true ? TypedResults.NoContent() : TypedResults.NotFound();

    private static CasePersonView PersonView(CasePerson p) => new(p.Id, p.Name, p.AliasList, p.HandleList, p.Role, p.AddedBy, p.AddedAt);

    private static async Task<Results<Created<CaseView>, NotFound>> AddNote(CaseWrites writes, CaseReads reads, Guid id, HttpRequest request, CancellationToken ct)
    {
        var text = await ReadAsync(request, (body, errors) =>
        {
            if (body.ValueKind != JsonValueKind.Object) { errors["$"] = ["expected {\"text\": \"…\"}"]; return null; }
            JsonFields.RejectUnknown(body, ["text"], errors);
            return JsonFields.String(body, "text", errors);
        }, ct);
        if (await writes.AddNoteAsync(id, text, ct) is not { } note) return TypedResults.NotFound();
        return TypedResults.Created($"/api/v1/cases/{id}#note-{note.Id}", (await reads.GetAsync(id, ct))!);
    }

    private static async Task<Results<Created<CaseTaskView>, NotFound>> AddTask(CaseWrites writes, Guid id, HttpRequest request, CancellationToken ct) =>
        await writes.AddTaskAsync(id, await ReadAsync(request, CaseTaskInput.Read, ct), ct) is { } t
            ? TypedResults.Created($"/api/v1/cases/{id}#task-{t.Id}", TaskView(t)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseTaskView>, NotFound>> TaskDone(CaseWrites writes, Guid id, Guid taskId, HttpRequest request, CancellationToken ct)
    {
        var done = request.ContentLength is null or 0 && !request.Headers.ContentType.Any()
            ? true
            : await ReadAsync(request, (body, errors) =>
            {
                if (body.ValueKind != JsonValueKind.Object) { errors["$"] = ["expected {\"done\": true|false}"]; return true; }
                JsonFields.RejectUnknown(body, ["done"], errors);
                return JsonFields.Bool(body, "done", errors) ?? true;
            }, ct);
        return await writes.SetTaskDoneAsync(id, taskId, done, ct) is { } t ? TypedResults.Ok(TaskView(t)) : TypedResults.NotFound();
    }

    private static CaseTaskView TaskView(CaseTask t) => new(t.Id, t.Title, t.AssigneeId, t.Assignee, t.Due, t.DoneAt != null, t.DoneAt, t.DoneBy, t.CreatedBy, t.CreatedAt);

    private sealed record AttachResult(int Attached);

    private static async Task<Results<Ok<AttachResult>, NotFound>> Attach(CaseWrites writes, Guid id, HttpRequest request, CancellationToken ct)
    {
        var (platform, file, offset) = await ReadAsync(request, (body, errors) =>
        {
            if (body.ValueKind != JsonValueKind.Object) { errors["$"] = ["expected {\"platform\": id, \"file\": …, \"offset\": n}"]; return (Guid.Empty, (string?)null, (long?)null); }
            JsonFields.RejectUnknown(body, ["platform", "file", "offset"], errors);
            var p = IdField(body, "platform", errors);
            var f = JsonFields.String(body, "file", errors);
            long? o = null;
            if (body.TryGetProperty("offset", out var v) && v.ValueKind != JsonValueKind.Null)
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0) o = n;
                else errors["offset"] = ["expected a byte offset (a whole number, 0 or more)"];
            }
            if ((f is null) != (o is null) && !errors.ContainsKey("offset")) errors[f is null ? "file" : "offset"] = ["file and offset go together: give both for one record, neither for the platform's latest captures"];
            return (p, f, o);
        }, ct);
        return await writes.AttachEvidenceAsync(id, platform, file, offset, ct) is { } n ? TypedResults.Ok(new AttachResult(n)) : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> Detach(CaseWrites writes, Guid id, Guid evidenceId, CancellationToken ct) =>
        await writes.DetachEvidenceAsync(id, evidenceId, ct) is true ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> Package(CaseExport export, Guid id, bool? pdf, CancellationToken ct) =>
        await export.DownloadAsync(id, pdf ?? true, ct) switch
        {
            null => TypedResults.NotFound(),
            { File: { } file } => TypedResults.File(file, "application/zip", CaseExport.PackageName(id)),
            { Problem: var problem } => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The evidence package could not be written",
                detail: pdf == false ? problem : problem + " (?pdf=false leaves the PDF report out)"),
        };

    /// <summary>Reads a body whose problems (unparseable JSON, wrong types, unknown fields) are a 400 naming each field.</summary>
    private static Task<T> ReadAsync<T>(HttpRequest request, Func<JsonElement, Dictionary<string, string[]>, T> read, CancellationToken ct) =>
        ApiErrors.ReadInputAsync(request, (body, errors) =>
        {
            var value = read(body, errors);
            InvalidInputException.ThrowIfAny(errors);
            return value;
        }, ct);

    private static Guid IdField(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object) { errors["$"] = [$"expected {{\"{name}\": id}}"]; return Guid.Empty; }
        var text = JsonFields.String(body, name, errors);
        if (Guid.TryParse(text, out var id)) return id;
        if (!errors.ContainsKey(name)) errors[name] = [$"required: an id (a GUID)"];
        return Guid.Empty;
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> ViewAsync(CaseReads reads, Guid id, CancellationToken ct) =>
        await reads.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
