using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// Fresh deliveries in memory, per consumer group, so a fire that falls due reaches a waiting consumer without a
/// database round trip; its lease is written right behind the hand-over.
/// <para>A cache of rows that are 'ready' in the database, never the truth: what it does not hold the database path
/// finds, so entries may be dropped at any time (capacity, withdrawn fires, restarts). Two rules keep one delivery from
/// being handed out twice: the database path claims a row before leasing it (which takes it out of the cache), and it
/// skips rows handed out from here whose lease is not written yet (in flight).</para>
/// </summary>
/// <para>Bounded twice: at most <c>capacityPerGroup</c> entries a group, and at most <c>maxBytes</c> of payload (as .NET
/// strings hold it, two bytes a character) in all.</para>
internal sealed class ReadyDeliveryCache(int capacityPerGroup, long maxBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GroupLane> _lanes = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Adds fires just committed and routed (call right after their commit, before any later write).</summary>
    public void Add(IReadOnlyList<RoutedFire> fires)
    {
        if (capacityPerGroup <= 0 || fires.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (group, fire) in fires)
            {
                if (_bytes + SizeOf(fire) <= maxBytes && LaneOf(group).Add(fire, capacityPerGroup))
                {
                    _bytes += SizeOf(fire);
                }
            }
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> entries due by <paramref name="now"/>, oldest fire first, as long as their data
    /// fits the <paramref name="budget"/>; they are in flight until <see cref="Landed"/>.
    /// </summary>
    public List<FireRecord> TakeDue(string group, int max, ResponseBudget budget, DateTimeOffset now)
    {
        lock (_gate)
        {
            var taken = _lanes.TryGetValue(group, out var lane) ? lane.TakeDue(max, budget, now.ToUnixMs()) : [];
            _bytes -= taken.Sum(SizeOf);
            return taken;
        }
    }

    /// <summary>The leases of these hand-overs are written (call on the writer, inside the write).</summary>
    public void Landed(string group, IEnumerable<string> msgIds)
    {
        lock (_gate)
        {
            var lane = LaneOf(group);
            foreach (var msgId in msgIds)
            {
                lane.InFlight.Remove(msgId);
            }
        }
    }

    /// <summary>
    /// The database path wants to lease this row: false when it was handed out from here and its lease is not written
    /// yet; otherwise the entry (if any) leaves the cache and true is returned.
    /// </summary>
    public bool Claim(string group, string msgId)
    {
        lock (_gate)
        {
            if (!_lanes.TryGetValue(group, out var lane))
            {
                return true;
            }

            Remove(lane, msgId);
            return !lane.InFlight.Contains(msgId);
        }
    }

    /// <summary>Drops these entries: their rows are changing (call on the writer, inside that write).</summary>
    public void Forget(string group, IReadOnlyList<string> msgIds)
    {
        lock (_gate)
        {
            if (_lanes.TryGetValue(group, out var lane))
            {
                foreach (var msgId in msgIds)
                {
                    Remove(lane, msgId);
                }
            }
        }
    }

    /// <summary>Forgets the group's entries (it was deleted); its hand-overs in flight stay tracked.</summary>
    public void ForgetGroup(string group)
    {
        lock (_gate)
        {
            if (_lanes.TryGetValue(group, out var lane))
            {
                _bytes -= lane.Live.Values.Sum(SizeOf);
                lane.Live.Clear();
                lane.Order.Clear();
            }
        }
    }

    /// <summary>Forgets every entry (rows were withdrawn); hand-overs in flight stay tracked.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var lane in _lanes.Values)
            {
                lane.Live.Clear();
                lane.Order.Clear();
            }

            _bytes = 0;
        }
    }

    /// <summary>What an entry's payload takes in memory.</summary>
    private static long SizeOf(FireRecord fire) => fire.Data.Length * 2L;

    private void Remove(GroupLane lane, string msgId)
    {
        if (lane.Live.Remove(msgId, out var removed))
        {
            _bytes -= SizeOf(removed);
        }
    }

    private GroupLane LaneOf(string group)
    {
        if (!_lanes.TryGetValue(group, out var lane))
        {
            lane = new GroupLane();
            _lanes[group] = lane;
        }

        return lane;
    }

    private sealed class GroupLane
    {
        public Dictionary<string, FireRecord> Live { get; } = new(StringComparer.Ordinal);

        /// <summary>By fire time, then msgid; may still hold entries no longer live (removed lazily).</summary>
        public PriorityQueue<FireRecord, FireRecord> Order { get; } = new(FireOrder.Instance);

        public HashSet<string> InFlight { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether the fire was added (false when the lane is full or holds it already).</summary>
        public bool Add(FireRecord fire, int capacity)
        {
            if (Live.Count >= capacity || !Live.TryAdd(fire.MsgId, fire))
            {
                return false; // Full: the database path delivers it.
            }

            if (Order.Count >= 2 * capacity)
            {
                Order.Clear();
                foreach (var live in Live.Values)
                {
                    Order.Enqueue(live, live);
                }

                return true;
            }

            Order.Enqueue(fire, fire);
            return true;
        }

        public List<FireRecord> TakeDue(int max, ResponseBudget budget, long nowMs)
        {
            var taken = new List<FireRecord>();
            while (taken.Count < max && Order.TryPeek(out var next, out _))
            {
                if (!Live.ContainsKey(next.MsgId))
                {
                    Order.Dequeue(); // Claimed by the database path or cleared.
                    continue;
                }

                if (next.FireTime.ToUnixMs() > nowMs || !budget.TryTake(next.Data))
                {
                    break;
                }

                Order.Dequeue();
                Live.Remove(next.MsgId);
                InFlight.Add(next.MsgId);
                taken.Add(next);
            }

            return taken;
        }
    }

    private sealed class FireOrder : IComparer<FireRecord>
    {
        public static readonly FireOrder Instance = new();

        public int Compare(FireRecord? x, FireRecord? y)
        {
            var byTime = x!.FireTime.CompareTo(y!.FireTime);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.MsgId, y.MsgId);
        }
    }
}

/// <summary>A fire routed to one consumer group.</summary>
internal readonly record struct RoutedFire(string Group, FireRecord Fire);
