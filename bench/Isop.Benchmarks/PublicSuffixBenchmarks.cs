using BenchmarkDotNet.Attributes;
using Isop.Crawling.Domains;

namespace Isop.Benchmarks;

/// <summary>Registrable domain by the Public Suffix List, as crawl scope and cookie jars ask it once per URL.</summary>
[MemoryDiagnoser]
public class PublicSuffixBenchmarks
{
    private static readonly string[] Hosts =
    [
        "www.dramakor.blogspot.com", "user.github.io", "preview.foo.pages.dev", "www.bbc.co.uk", "m.tving.co.kr",
        "www.city.kawasaki.jp", "a.www.ck", "cdn.ktorrents.test", "api.ec2-1-2-3-4.compute-1.amazonaws.com", "torrent.com.br",
    ];

    [GlobalSetup]
    public void Setup() => Console.WriteLine($"// {PublicSuffixes.RuleCount} rules; {Hosts.Length} hosts per operation");

    [Benchmark]
    public int RegistrableDomainOfTenHosts()
    {
        var length = 0;
        foreach (var host in Hosts) length += PublicSuffixes.Site(host).Length;
        return length;
    }
}
