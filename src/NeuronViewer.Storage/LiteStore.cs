using LiteDB;

namespace NeuronViewer.Storage;

/// <summary>
/// The LiteDB database and its write transactions. <see cref="Atomic{T}"/> runs work in one transaction (nested calls join it);
/// write transactions are serialised, so multi-collection writes never deadlock and in-memory caches change in commit order.
/// </summary>
internal sealed class LiteStore(LiteDatabase lite)
{
    [ThreadStatic]
    private static Scope? current;

    private readonly Lock writeLock = new();

    public LiteDatabase Lite { get; } = lite;

    public ILiteCollection<T> Collection<T>(string name) => Lite.GetCollection<T>(name);

    public ILiteCollection<BsonDocument> Documents(string name) => Lite.GetCollection(name);

    public void Atomic(Action work) => Atomic(() =>
    {
        work();
        return 0;
    });

    public T Atomic<T>(Func<T> work)
    {
        if (current is { } outer && ReferenceEquals(outer.Owner, this))
            return work();
        lock (writeLock)
        {
            if (!Lite.BeginTrans())
                throw new InvalidOperationException("A LiteDB transaction is already open on this thread outside NeuronViewer's transaction scope.");
            var scope = new Scope(this);
            current = scope;
            T result;
            try
            {
                result = work();
                while (scope.BeforeCommit.Count > 0)
                {
                    var pending = scope.BeforeCommit.Values.ToList();
                    scope.BeforeCommit.Clear();
                    foreach (var action in pending)
                        action();
                }
                Lite.Commit();
            }
            catch
            {
                current = null;
                Lite.Rollback();
                foreach (var undo in scope.OnRollback)
                    undo();
                throw;
            }
            current = null;
            foreach (var action in scope.AfterCommit)
                action();
            return result;
        }
    }

    /// <summary>Runs the action just before the current transaction commits, once per key however often it is asked for (at once when there is none).</summary>
    public void BeforeCommit(object key, Action action)
    {
        if (current is { } scope && ReferenceEquals(scope.Owner, this))
            scope.BeforeCommit.TryAdd(key, action);
        else
            action();
    }

    /// <summary>Runs the action once the current transaction commits (at once when there is none); dropped on rollback.</summary>
    public void AfterCommit(Action action)
    {
        if (current is { } scope && ReferenceEquals(scope.Owner, this))
            scope.AfterCommit.Add(action);
        else
            action();
    }

    /// <summary>Runs the action if the current transaction rolls back (an in-memory change made inside it is undone).</summary>
    public void OnRollback(Action undo)
    {
        if (current is { } scope && ReferenceEquals(scope.Owner, this))
            scope.OnRollback.Add(undo);
    }

    /// <summary>Throws unless the caller is inside <see cref="Atomic{T}"/>: the repositories' multi-document writes must be.</summary>
    public void RequireTransaction()
    {
        if (current is not { } scope || !ReferenceEquals(scope.Owner, this))
            throw new InvalidOperationException("This write must run inside a NeuronViewer transaction.");
    }

    private sealed class Scope(LiteStore owner)
    {
        public LiteStore Owner { get; } = owner;

        public Dictionary<object, Action> BeforeCommit { get; } = [];

        public List<Action> AfterCommit { get; } = [];

        public List<Action> OnRollback { get; } = [];
    }
}
