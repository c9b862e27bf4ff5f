using System.Text;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Sharing;

namespace Isop.Tests.Sharing;

/// <summary>The reader of partners' bundles: what STIX requires, TLP from markings, and hostile text that never gets past it or crashes it.</summary>
public sealed class StixReaderTests
{
    private static StixBatch Read(string json) => StixReader.Read(Encoding.UTF8.GetBytes(json), Tlp.Amber);

    [Theory]
    [InlineData("2026-12-01T10:00:00Z", "2026-12-01T10:00:00.0000000Z")]
    [InlineData("2026-12-01T10:00:00.1Z", "2026-12-01T10:00:00.1000000Z")]
    [InlineData("2024-02-29T23:59:59.123456789Z", "2024-02-29T23:59:59.1234567Z")]
    [InlineData("0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00.0000000Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z")]
    [InlineData("2026-13-01T10:00:00Z", null)]
    [InlineData("2025-02-29T10:00:00Z", null)]
    [InlineData("2026-04-31T10:00:00Z", null)]
    [InlineData("2026-12-01T24:00:00Z", null)]
    [InlineData("2026-12-01T10:60:00Z", null)]
    [InlineData("2026-12-01T10:00:60Z", null)]
    [InlineData("0000-12-01T10:00:00Z", null)]
    [InlineData("2026-12-01t10:00:00Z", null)]
    [InlineData("2026-12-01T10:00:00z", null)]
    [InlineData("2026-12-01T10:00:00+00:00", null)]
    [InlineData("2026-12-01T10:00:00.Z", null)]
    [InlineData("2026-12-01T10:00:00,5Z", null)]
    [InlineData("2026-12-01T10:00:00.5aZ", null)]
    [InlineData("2026-12-01 10:00:00Z", null)]
    [InlineData("+026-12-01T10:00:00Z", null)]
    [InlineData("2026-12-01T10:00:00.12345678901234567890Z", null)]
    [InlineData("２０２６-12-01T10:00:00Z", null)]
    [InlineData("", null)]
    public void Timestamps_are_read_as_STIX_writes_them_and_nothing_else(string text, string? expected)
    {
        var ok = StixJson.TryParseTimestamp(text, out var at);
        Assert.Equal(expected is not null, ok);
        if (expected is not null) Assert.Equal(expected, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Bundle(params string[] objects) => $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(",", objects)}}]}""";

    private static string Indicator(string? extra = null, string type = "indicator") =>
        $$"""{"type":"{{type}}","spec_version":"2.1","id":"{{type}}--{{Guid.NewGuid()}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[domain-name:value = 'iptv.test']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"{{extra}}}""";

    [Fact]
    public void TLP_comes_from_TLP_2_and_1_markings_and_from_definitions_in_the_bundle()
    {
        const string own = "marking-definition--11111111-2222-4333-8444-555555555555";
        var batch = Read(Bundle(
            Indicator($$""","object_marking_refs":["{{StixMarkings.IdOf(Tlp.Red)}}"]"""),
            Indicator(""","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]"""),
            $$$"""{"type":"marking-definition","spec_version":"2.1","id":"{{{own}}}","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"amber"}}""",
            Indicator($$""","object_marking_refs":["{{own}}","{{StixMarkings.IdOf(Tlp.Green)}}"]"""),
            Indicator()));
        Assert.Empty(batch.Problems);
        Assert.Equal([Tlp.Red, Tlp.Green, Tlp.Clear, Tlp.Amber, Tlp.Amber], batch.Items.Select(i => i.Tlp));
    }

    [Theory]
    [InlineData("""{"type":"\ud800","spec_version":"2.1","id":"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d"}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--\udc00"}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d","name":"a\u0000b"}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d","k\ud800":1}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d","created_by_ref":"identity--\ud800"}""")]
    [InlineData("""{"type":"indicator","spec_version":"2.1","id":"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d","labels":["ok","\udfff"]}""")]
    public void Hostile_text_is_a_problem_of_its_object_never_a_crash(string obj)
    {
        var batch = Read(Bundle(obj, Indicator()));
        Assert.Single(batch.Items);
        Assert.Single(batch.Problems);
    }

    [Fact]
    public void A_document_that_is_not_UTF_8_or_has_a_hostile_bundle_id_is_refused_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(Bundle(Indicator(",\"name\":\"XX\""))).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var e = Assert.Throws<StixFormatException>(() => StixReader.Read(bytes.ToArray(), Tlp.Amber));
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Throws<StixFormatException>(() => Read("""{"type":"bundle","id":"bundle--\ud800","objects":[]}"""));
        Assert.Throws<StixFormatException>(() => Read("""{"type":"\ud800"}"""));
        Assert.Throws<StixFormatException>(() => Read("[]"));
        Assert.Throws<StixFormatException>(() => Read("{\"objects\":{}}"));
    }

    [Fact]
    public void An_object_larger_than_a_mebibyte_is_refused_with_its_size()
    {
        var batch = Read(Bundle(Indicator($",\"description\":\"{new string('x', StixReader.MaxObjectBytes)}\""), Indicator()));
        Assert.Single(batch.Items);
        Assert.Contains("bytes", Assert.Single(batch.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_of_STIX_name_the_object_and_the_property()
    {
        var id = $"malware--{Guid.NewGuid()}";
        var batch = Read(Bundle(
            $$"""{"type":"malware","spec_version":"2.1","id":"{{id}}","created":"2026-01-02T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"}""",
            $$"""{"type":"relationship","spec_version":"2.1","id":"relationship--{{Guid.NewGuid()}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","source_ref":"nope"}""",
            $$"""{"type":"indicator","spec_version":"2.0","id":"indicator--{{Guid.NewGuid()}}","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00+01:00"}""",
            """{"type":"Bad Type","id":"x"}"""));
        Assert.Empty(batch.Items);
        var text = string.Join("\n", batch.Problems);
        Assert.Contains($"objects[0] {id}: modified: 2026-01-01T00:00:00.000Z is earlier than created", text, StringComparison.Ordinal);
        Assert.Contains("source_ref: expected a STIX identifier", text, StringComparison.Ordinal);
        Assert.Contains("target_ref: missing", text, StringComparison.Ordinal);
        Assert.Contains("relationship_type: missing", text, StringComparison.Ordinal);
        Assert.Contains("spec_version: expected \"2.1\"", text, StringComparison.Ordinal);
        Assert.Contains("modified: expected a timestamp", text, StringComparison.Ordinal);
        Assert.Contains("objects[3] x: type: expected a STIX type", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indicator", "", "pattern: missing")]
    [InlineData("indicator", ""","pattern":"[x:y = 1]","pattern_type":"stix","valid_from":"2026-02-01T00:00:00Z","valid_until":"2026-01-01T00:00:00Z" """, "valid_until: 2026-01-01T00:00:00.000Z is not later than valid_from")]
    [InlineData("indicator", ""","pattern":"[x:y = 1]","pattern_type":"stix","valid_from":"yesterday" """, "valid_from: expected a timestamp")]
    [InlineData("infrastructure", "", "name: missing")]
    [InlineData("threat-actor", ""","name":"" """, "name: expected a name (a non-empty string)")]
    [InlineData("malware", "", "is_family: missing")]
    [InlineData("malware", ""","is_family":true""", "name: missing")]
    [InlineData("report", ""","name":"EVO","published":"2026-01-01T00:00:00Z","object_refs":[]""", "object_refs: expected a non-empty list")]
    [InlineData("grouping", ""","context":"suspicious-activity","object_refs":["nope"]""", "object_refs[0]: expected a STIX identifier")]
    [InlineData("note", ""","object_refs":["indicator--5d0092c5-5f74-4287-9642-33f4c354e56d"]""", "content: missing")]
    [InlineData("opinion", ""","opinion":"maybe","object_refs":["indicator--5d0092c5-5f74-4287-9642-33f4c354e56d"]""", "opinion: expected strongly-disagree")]
    [InlineData("observed-data", ""","first_observed":"2026-01-02T00:00:00Z","last_observed":"2026-01-01T00:00:00Z","number_observed":1,"object_refs":["domain-name--5d0092c5-5f74-4287-9642-33f4c354e56d"]""", "last_observed: 2026-01-01T00:00:00.000Z is earlier than first_observed")]
    [InlineData("observed-data", ""","first_observed":"2026-01-01T00:00:00Z","last_observed":"2026-01-01T00:00:00Z","number_observed":0,"object_refs":["domain-name--5d0092c5-5f74-4287-9642-33f4c354e56d"]""", "number_observed: expected a whole number from 1")]
    [InlineData("location", ""","latitude":91,"longitude":0""", "latitude: expected a number from -90 to 90")]
    [InlineData("location", ""","name":"Somewhere" """, "region: missing")]
    [InlineData("sighting", ""","sighting_of_ref":"indicator--5d0092c5-5f74-4287-9642-33f4c354e56d","count":-1""", "count: expected a whole number from 0")]
    public void Each_type_states_what_STIX_requires_of_it(string type, string extra, string expected)
    {
        var id = $"{type}--{Guid.NewGuid()}";
        var batch = Read(Bundle($$"""{"type":"{{type}}","spec_version":"2.1","id":"{{id}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"{{extra.TrimEnd()}}}"""));
        Assert.Empty(batch.Items);
        Assert.Contains($"objects[0] {id}: {expected}", string.Join("\n", batch.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("domain-name", """ "value":"toonkor.test" """)]
    [InlineData("ipv4-addr", """ "value":"127.0.0.9" """)]
    [InlineData("autonomous-system", """ "number":4200000000 """)]
    [InlineData("file", """ "name":"queen.of.tears.e01.mkv" """)]
    [InlineData("x-acme-seller", """ "anything":1 """)]
    public void Observables_and_unknown_types_with_what_they_need_are_read(string type, string properties)
    {
        var batch = Read(Bundle($$"""{"type":"{{type}}","spec_version":"2.1","id":"{{type}}--{{Guid.NewGuid()}}",{{properties.Trim()}}}"""));
        Assert.Empty(batch.Problems);
        Assert.Single(batch.Items);
        Assert.Contains("value: missing", string.Join("\n", Read(Bundle($$"""{"type":"url","spec_version":"2.1","id":"url--{{Guid.NewGuid()}}"}""")).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_mutations_of_a_bundle_never_throw_anything_but_a_format_error()
    {
        var example = JsonNode.Parse(Bundle(Indicator(",\"name\":\"Seller \\u00e9 \\u2603\",\"labels\":[\"a\",\"b\"]"), Indicator(type: "x-acme-thing")))!.ToJsonString();
        var random = new Random(13);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = Encoding.UTF8.GetBytes(example);
            for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = random.Next(2) == 0 ? bytes.Length : random.Next(bytes.Length);
            try
            {
                var batch = StixReader.Read(bytes.AsMemory(0, cut), Tlp.Amber);
                Assert.All(batch.Problems, p => Assert.False(string.IsNullOrEmpty(p.Message)));
            }
            catch (StixFormatException)
            {
            }
        }
    }
}
