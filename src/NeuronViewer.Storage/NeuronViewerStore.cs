using LiteDB;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Jobs;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Storage.Records;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Storage.Summaries;
using NeuronViewer.Storage.Users;

namespace NeuronViewer.Storage;

/// <summary>The data folder's LiteDB database, opened once per process, with a repository per aggregate.</summary>
public sealed class NeuronViewerStore : IDisposable
{
    /// <summary>The schema this code writes; a file with a newer one is refused.</summary>
    public const int SchemaVersion = 1;
    private readonly FileStream lockFile;
    private readonly LiteDatabase lite;
    private readonly LiteStore store;

    private NeuronViewerStore(string folder, FileStream lockFile, LiteDatabase lite)
    {
        Folder = folder;
        this.lockFile = lockFile;
        this.lite = lite;
        store = new LiteStore(lite);
        Summaries = new NeuronSummaryRepository(store);
        var updater = new SummaryUpdater(store, Summaries);
        Runs = new RunRepository(store);
        Records = new NeuronRecordRepository(store, updater);
        Scores = new ScoreRepository(store, updater);
        Ablations = new AblationScoreRepository(store, updater);
        Explanations = new ExplanationRepository(store, updater, Scores, Ablations);
        Jobs = new JobRepository(store);
        Users = new UserRepository(store);
        ApiTokens = new ApiTokenRepository(store);
        RatingTasks = new RatingTaskRepository(store);
        Studies = new StudyRepository(store, RatingTasks);
        RatingDrafts = new RatingDraftRepository(store);
        Ratings = new RatingRepository(store);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, DataFolder.DatabaseFileName);

    public RunRepository Runs { get; }

    public NeuronRecordRepository Records { get; }

    public NeuronSummaryRepository Summaries { get; }

    public ExplanationRepository Explanations { get; }

    public ScoreRepository Scores { get; }

    public AblationScoreRepository Ablations { get; }

    public JobRepository Jobs { get; }

    public UserRepository Users { get; }

    /// <summary>Users' personal API tokens (hashes only).</summary>
    public ApiTokenRepository ApiTokens { get; }

    /// <summary>Human-rating studies (issue 5).</summary>
    public StudyRepository Studies { get; }

    public RatingTaskRepository RatingTasks { get; }

    /// <summary>Annotators' unfinished ratings, saved as they work.</summary>
    public RatingDraftRepository RatingDrafts { get; }

    /// <summary>Submitted ratings with their revision history.</summary>
    public RatingRepository Ratings { get; }

    /// <summary>Opens (creating if needed) the database in the folder; a clear StorageException when the folder is unusable or another process has it open.</summary>
    public static NeuronViewerStore Open(string folder)
    {
        folder = DataFolder.Ensure(Path.GetFullPath(folder));
        var path = Path.Combine(folder, DataFolder.DatabaseFileName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new StorageException(
                $"The database '{path}' is open in another NeuronViewer process (the web app?). Stop that process, or set NeuronViewer__DataFolder to another folder.", e);
        }
        try
        {
            var lite = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, Mapping.Create());
            if (lite.UserVersion > SchemaVersion)
                throw new StorageException($"The database '{path}' was written by a newer NeuronViewer (schema {lite.UserVersion}); this one reads schema {SchemaVersion}.");
            if (lite.UserVersion < SchemaVersion)
                lite.UserVersion = SchemaVersion;
            return new NeuronViewerStore(folder, lockFile, lite);
        }
        catch (Exception e) when (e is LiteException or InvalidDataException or IOException or StorageException)
        {
            lockFile.Dispose();
            throw e as StorageException ?? new StorageException($"The database '{path}' cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>Runs the writes in one transaction: all of them or none. Nested calls join the outer transaction.</summary>
    public void Atomic(Action work) => store.Atomic(work);

    /// <inheritdoc cref="Atomic(Action)"/>
    public T Atomic<T>(Func<T> work) => store.Atomic(work);

    public void Dispose()
    {
        lite.Dispose();
        lockFile.Dispose();
    }
}
