using Isop.Crawling.Fetching;
using Microsoft.Extensions.Time.Testing;

namespace Isop.Crawling.Tests;

/// <summary>Politeness on a fake clock: a robots.txt Crawl-delay is waited between two requests to a host, and only there.</summary>
public sealed class HostGateTests
{
    [Fact]
    public async Task A_crawl_delay_is_waited_between_two_requests_to_the_same_host()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        using var gate = new HostGate(4, 4, TimeSpan.Zero, clock);
        gate.SetDelay("a.test", TimeSpan.FromSeconds(2.5));

        (await gate.EnterAsync("a.test", ct)).Dispose();
        var second = gate.EnterAsync("a.test", ct);
        // Another host is not held up by a.test's delay.
        (await gate.EnterAsync("b.test", ct).WaitAsync(TimeSpan.FromMinutes(1), ct)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(2.4));
        Assert.False(second.IsCompleted, "the second request to a.test started before its Crawl-delay passed");
        clock.Advance(TimeSpan.FromSeconds(0.1));
        (await second.WaitAsync(TimeSpan.FromMinutes(1), ct)).Dispose();
        // A delay lower than the run's own setting is not taken.
        using var slow = new HostGate(4, 4, TimeSpan.FromSeconds(5), clock);
        slow.SetDelay("c.test", TimeSpan.FromSeconds(1));
        (await slow.EnterAsync("c.test", ct)).Dispose();
        var next = slow.EnterAsync("c.test", ct);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await next.WaitAsync(TimeSpan.FromMinutes(1), ct)).Dispose();
    }
}
