using System.Collections.Immutable;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace TenantSafety.Benchmarks.Measurement;

/// <summary>
/// What a run allocates, by type: the runtime's allocation-tick events (one about every 100 KB a heap allocates, naming
/// the type of the object that crossed the mark), summed while recording. A sample, not a count: a type allocated in
/// small amounts may get no tick in a run. The difference between the two configurations says which allocations
/// TenantSafety causes, its own and the compiler's or driver's on its behalf, which no time measure on a shared
/// machine resolves. Listening costs the runs time, so it is on only when asked for (<c>--allocations-by-type</c>).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeEventSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // The listener gets the runtime's events on a thread of its own, some time after they happen: each is counted by
    // its timestamp, and a stop waits for the events of the run's last moments.
    private static readonly TimeSpan s_deliveryDelay = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private DateTime _from = DateTime.MaxValue;
    private DateTime _until = DateTime.MinValue;

    public void Start()
    {
        lock (_gate)
        {
            _bytes.Clear();
            _from = DateTime.UtcNow;
            _until = DateTime.MaxValue;
        }
    }

    /// <summary>Stops recording; the bytes each type was sampled for since <see cref="Start"/>.</summary>
    public ImmutableDictionary<string, long> Stop()
    {
        var until = DateTime.UtcNow;
        Thread.Sleep(s_deliveryDelay);
        lock (_gate)
        {
            _until = until;
            return _bytes.ToImmutableDictionary(StringComparer.Ordinal);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeEventSource)
        {
            // The allocation tick is a verbose event of the GC keyword.
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name
            || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.Payload is not { } payload
            || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var typeIndex = names.IndexOf("TypeName");
        var amountIndex = names.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0 || payload[typeIndex] is not string type)
        {
            return;
        }

        var amount = Convert.ToInt64(payload[amountIndex], CultureInfo.InvariantCulture);
        var at = eventData.TimeStamp.ToUniversalTime();
        lock (_gate)
        {
            if (at >= _from && at <= _until)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
