using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Analysis;

/// <summary>
/// The entity model's configuration bodies are read by the thread that builds it and by every thread that asks for
/// it meanwhile (<see cref="SharedWork"/>, <see cref="HelpedLazy{T}"/>): each body exactly once, a failure reported to
/// the builder rather than to a helper, and no thread left waiting.
/// </summary>
public sealed class SharedWorkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_item_runs_once_whoever_takes_it()
    {
        const int Items = 5_000;
        var runs = new int[Items];
        var work = new SharedWork(Items, i => Interlocked.Increment(ref runs[i]));
        using var start = new Barrier(5);
        var helpers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            work.Help();
        })).ToArray();

        start.SignalAndWait();
        work.Run(CancellationToken.None);

        await Task.WhenAll(helpers).WaitAsync(Patience);
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_failing_item_is_rethrown_by_Run_after_the_others_ran_and_spares_the_helper()
    {
        var ran = new ConcurrentBag<int>();
        var work = new SharedWork(100, i =>
        {
            if (i == 0)
            {
                throw new InvalidOperationException("item 0");
            }

            ran.Add(i);
        });

        // The helper takes the failing first item (and the rest): its own callback goes on.
        work.Help();
        var failure = Assert.Throws<InvalidOperationException>(() => work.Run(CancellationToken.None));

        Assert.Equal("item 0", failure.Message);
        Assert.Equal(99, ran.Count);
    }

    [Fact]
    public void No_items_returns_at_once()
    {
        var work = new SharedWork(0, _ => throw new InvalidOperationException("no item to run"));

        work.Help();
        work.Run(CancellationToken.None);
    }

    [Fact]
    public async Task A_thread_asking_while_the_value_is_built_takes_shared_items_and_gets_the_same_value()
    {
        using var published = new ManualResetEventSlim();
        using var helperTookAnItem = new ManualResetEventSlim();
        var waiterThread = -1;
        var itemThreads = new ConcurrentBag<int>();
        var builds = 0;
        var lazy = new HelpedLazy<object>(share =>
        {
            Interlocked.Increment(ref builds);
            var work = new SharedWork(50, _ =>
            {
                itemThreads.Add(Environment.CurrentManagedThreadId);
                if (Environment.CurrentManagedThreadId == Volatile.Read(ref waiterThread))
                {
                    helperTookAnItem.Set();
                }
            });
            share(work);
            published.Set();

            // Left alone, the builder (with the pool's idle threads) would take every item itself.
            _ = helperTookAnItem.Wait(Patience);
            work.Run(CancellationToken.None);
            return new object();
        });

        var builder = Task.Run(() => lazy.Value);
        Assert.True(published.Wait(Patience));
        var waiter = Task.Run(() =>
        {
            Volatile.Write(ref waiterThread, Environment.CurrentManagedThreadId);
            return lazy.Value;
        });

        var values = await Task.WhenAll(builder, waiter).WaitAsync(Patience);
        Assert.Same(values[0], values[1]);
        Assert.Equal(1, builds);
        Assert.Equal(50, itemThreads.Count);
        Assert.Contains(waiterThread, itemThreads);
    }

    [Fact]
    public async Task A_value_built_without_sharing_work_lets_the_waiting_thread_wait()
    {
        using var building = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var lazy = new HelpedLazy<string>(shareNothing =>
        {
            building.Set();
            _ = release.Wait(Patience);
            return "restored";
        });

        var builder = Task.Run(() => lazy.Value);
        Assert.True(building.Wait(Patience));
        var waiter = Task.Run(() => lazy.Value);
        release.Set();

        var values = await Task.WhenAll(builder, waiter).WaitAsync(Patience);
        Assert.Equal(["restored", "restored"], values);
    }

    [Fact]
    public async Task A_failed_build_fails_every_thread_that_asks_and_hangs_none()
    {
        using var building = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var lazy = new HelpedLazy<string>(shareNothing =>
        {
            building.Set();
            _ = release.Wait(Patience);
            throw new InvalidOperationException("model");
        });

        var builder = Task.Run(() => lazy.Value);
        Assert.True(building.Wait(Patience));
        var waiter = Task.Run(() => lazy.Value);
        release.Set();

        await Assert.ThrowsAsync<InvalidOperationException>(() => builder.WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiter.WaitAsync(Patience));
    }
}
