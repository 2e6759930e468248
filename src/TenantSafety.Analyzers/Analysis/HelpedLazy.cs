using System;
using System.Threading;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// A value built once on first use, like <see cref="Lazy{T}"/>, whose builder hands part of its work
/// (<see cref="SharedWork"/>) to the threads that ask for the value meanwhile: they work through it with the builder
/// instead of blocking until it is done. Every rule needs the entity model at its first callback, so in a build the
/// driver's threads arrive at it together.
/// </summary>
internal sealed class HelpedLazy<T>
{
    private readonly Lazy<T> _value;
    private readonly TaskCompletionSource<SharedWork?> _shared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _builderThread;

    /// <param name="build">Builds the value; calls its argument at most once, with the work others may share.</param>
    public HelpedLazy(Func<Action<SharedWork>, T> build)
    {
        _value = new Lazy<T>(
            () =>
            {
                Volatile.Write(ref _builderThread, Thread.CurrentThread.ManagedThreadId);
                try
                {
                    return build(work => _shared.TrySetResult(work));
                }
                finally
                {
                    // Nothing shared (a value restored rather than built, or a failure): the waiters just wait.
                    _ = _shared.TrySetResult(null);
                }
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public T Value
    {
        get
        {
            if (!_value.IsValueCreated
                && Volatile.Read(ref _builderThread) is var builder and not 0
                && builder != Thread.CurrentThread.ManagedThreadId)
            {
                // Another thread is building it: take part in the work it shares (once it has listed it), then wait for the rest.
                _shared.Task.Result?.Help();
            }

            return _value.Value;
        }
    }
}
