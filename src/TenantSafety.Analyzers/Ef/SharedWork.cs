using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// A fixed set of independent work items that every thread needing their result works through, instead of waiting for
/// the one thread that started them. In a build the analyzer driver keeps every thread-pool thread busy with its own
/// work items, so a <c>Parallel.For</c> started inside a callback mostly runs on its calling thread alone, while the
/// callbacks of other rules that need the same result block: at 4×, the configuration bodies were read on one thread for
/// up to a second while other driver threads sat idle waiting for the entity model.
/// </summary>
internal sealed class SharedWork
{
    private readonly int _count;
    private readonly Action<int> _work;
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next = -1;
    private int _remaining;
    private ExceptionDispatchInfo? _failure;

    /// <param name="count">How many items there are.</param>
    /// <param name="work">Does item <c>i</c>; called once per item, on any thread, concurrently with the others.</param>
    public SharedWork(int count, Action<int> work)
    {
        _count = count;
        _work = work;
        _remaining = count;
        if (count == 0)
        {
            _done.SetResult(true);
        }
    }

    /// <summary>Takes items no thread has taken yet until none is left; returns without waiting for items other threads hold.</summary>
    public void Help()
    {
        int item;
        while ((item = Interlocked.Increment(ref _next)) < _count)
        {
            try
            {
                _work(item);
            }
            catch (Exception exception)
            {
                // Recorded for the thread that needs the whole result; a helper's own callback goes on.
                _ = Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
            }
            finally
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _done.SetResult(true);
                }
            }
        }
    }

    /// <summary>
    /// Works through the items with the thread pool's idle threads and any helper, then waits for the items other
    /// threads still hold. Rethrows the first item's exception.
    /// </summary>
    public void Run(CancellationToken cancellationToken)
    {
        // Parallel.For runs on this thread and on pool threads as they come free; each iteration takes items until none
        // is left, so the iterations after that return at once.
        _ = Parallel.For(0, _count, new ParallelOptions { CancellationToken = cancellationToken }, _ => Help());
        _done.Task.Wait(cancellationToken);
        _failure?.Throw();
    }
}
