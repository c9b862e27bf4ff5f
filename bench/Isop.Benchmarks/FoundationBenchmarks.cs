using System.Text;
using BenchmarkDotNet.Attributes;
using Isop.Catalogue;
using Isop.Data;

namespace Isop.Benchmarks;

/// <summary>The foundation's hot paths: hashing an audit entry, reading a catalogue.</summary>
[MemoryDiagnoser]
public class FoundationBenchmarks
{
    private AuditEntry _entry = null!;
    private byte[] _catalogue = [];

    [GlobalSetup]
    public void Setup()
    {
        _entry = new AuditEntry
        {
            Sequence = 123456, At = DateTimeOffset.UnixEpoch, Actor = "analyst@owner.test", Action = "create",
            EntityType = "work", EntityId = Guid.NewGuid().ToString(), PreviousHash = AuditEntry.Genesis, Hash = "",
            Changes = """{"ExternalId":"K001","Kind":"Series","Titles":{"added":[{"Text":"사랑의 불시착","Language":"ko"}]}}""",
        };
        var json = new StringBuilder("{\"works\":[");
        for (var i = 0; i < 10_000; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"id\":\"K").Append(i).Append("\",\"kind\":\"series\",\"year\":2019,\"episodes\":16,")
                .Append("\"titles\":[{\"text\":\"사랑의 불시착 ").Append(i).Append("\",\"lang\":\"ko\"},{\"text\":\"Crash Landing on You ").Append(i)
                .Append("\",\"lang\":\"en\"}],\"aliases\":[\"CLOY\"],\"rightsHolder\":\"Studio Dragon\"}");
        }
        _catalogue = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    [Benchmark]
    public string AuditEntryHash() => _entry.ComputeHash();

    [Benchmark]
    public int ReadCatalogueOf10000Works() => CatalogueReader.Read(_catalogue).Count;
}
