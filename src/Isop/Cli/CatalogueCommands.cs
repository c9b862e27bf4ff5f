using System.CommandLine;
using Isop.Access;
using Isop.Catalogue;
using Spectre.Console;

namespace Isop.Cli;

/// <summary><c>isop catalogue import</c>.</summary>
internal static class CatalogueCommands
{
    public static Command Catalogue(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Catalogue JSON ({\"works\": [...]}); - reads stdin." };
        var org = new Option<string?>("--org") { Description = "Owner organisation (default: the only organisation, if there is one)." };
        var tlp = new Option<string>("--tlp") { Description = "TLP of new works.", DefaultValueFactory = _ => "GREEN" };
        var import = new Command("import", "Import works: idempotent by id, all-or-nothing.");
        import.Arguments.Add(file);
        import.Options.Add(org);
        import.Options.Add(tlp);
        import.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                if (!TlpLabels.TryParse(r.GetValue(tlp), out var label))
                    throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{r.GetValue(tlp)}\"");
                var path = r.GetValue(file)!;
                IReadOnlyList<CatalogueWork> works;
                if (path.Name == "-") works = await CatalogueReader.ReadAsync(Console.OpenStandardInput(), ct);
                else
                {
                    if (!path.Exists) throw new ArgumentException($"{path.FullName}: no such file");
                    await using var stream = path.OpenRead();
                    try
                    {
                        works = await CatalogueReader.ReadAsync(stream, ct);
                    }
                    catch (CatalogueFormatException e)
                    {
                        throw new CatalogueFormatException(e.Errors.Select(x => x with { Path = $"{path.Name}: {x.Path}" }).ToList());
                    }
                }
                await using var scope = await CliScope.OpenAsync(r, ct);
                var db = scope.Db;
                var owner = await IsopCommand.ResolveOrganisationAsync(db, r.GetValue(org), ct);
                var result = await output.WithProgressAsync("Importing works", works.Count,
                    progress => CatalogueImporter.ImportAsync(db, works, owner.Id, label, progress, ct));
                if (output.Json) output.WriteJson(new { file = path.Name, organisation = owner.Name, result.Created, result.Updated, result.Unchanged, result.Total });
                else stdout.WriteLine($"{path.Name}: {result.Total} works for {owner.Name} — {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
                return 0;
            });
        });
        var catalogue = new Command("catalogue", "The catalogue of protected works.");
        catalogue.Subcommands.Add(import);
        return catalogue;
    }
}
