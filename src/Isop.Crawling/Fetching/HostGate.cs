using System.Collections.Concurrent;

namespace Isop.Crawling.Fetching;

/// <summary>
/// Politeness: a global limit on requests in flight, a per-host limit, and a pause between the starts of
/// two requests to the same host (raised by a robots.txt Crawl-delay).
/// </summary>
public sealed class HostGate(int globalConcurrency, int perHostConcurrency, TimeSpan perHostDelay, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim global = new(globalConcurrency, globalConcurrency);
    private readonly ConcurrentDictionary<string, Host> hosts = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Host(int concurrency, TimeSpan delay)
    {
        public readonly SemaphoreSlim Slots = new(concurrency, concurrency);
        public readonly Lock Sync = new();
        public DateTimeOffset NextStart = DateTimeOffset.MinValue;
        public TimeSpan Delay = delay;
    }

    /// <summary>Raises the pause for one host, never lowering it below the run's setting.</summary>
    public void SetDelay(string host, TimeSpan delay)
    {
        var h = For(host);
        lock (h.Sync) h.Delay = delay > perHostDelay ? delay : perHostDelay;
    }

    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellation)
    {
        var h = For(host);
        await h.Slots.WaitAsync(cancellation);
        try
        {
            DateTimeOffset start;
            lock (h.Sync)
            {
                var now = time.GetUtcNow();
                start = h.NextStart > now ? h.NextStart : now;
                h.NextStart = start + h.Delay;
            }
            var wait = start - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellation);
            await global.WaitAsync(cancellation);
        }
        catch
        {
            h.Slots.Release();
            throw;
        }
        return new Lease(this, h);
    }

    private Host For(string host) => hosts.GetOrAdd(host, _ => new Host(perHostConcurrency, perHostDelay));

    private sealed class Lease(HostGate gate, Host host) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0) return;
            gate.global.Release();
            host.Slots.Release();
        }
    }

    public void Dispose()
    {
        global.Dispose();
        foreach (var h in hosts.Values) h.Slots.Dispose();
    }
}
