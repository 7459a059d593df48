using LiteDB;

namespace NeuronViewer.Storage.Tests;

public class StoreTests
{
    [Fact]
    public void A_second_open_of_the_same_folder_is_refused_with_a_clear_message_until_the_first_closes()
    {
        using var temp = new TempStore();
        var e = Assert.Throws<StorageException>(() => NeuronViewerStore.Open(temp.Folder));
        Assert.Contains("is open in another NeuronViewer process (the web app?)", e.Message);
        Assert.Contains(Path.Combine(temp.Folder, "neuronviewer.db"), e.Message);
        temp.Store.Dispose();
        using var again = NeuronViewerStore.Open(temp.Folder);
        Assert.Equal(0, again.Records.Count());
    }

    [Fact]
    public void The_folder_is_created_on_first_use_and_holds_neuronviewer_db()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nv-storage-tests", Guid.NewGuid().ToString("N"), "nested", "data");
        using (var store = NeuronViewerStore.Open(folder))
        {
            store.Runs.Create(Samples.Run());
            Assert.Equal(Path.Combine(folder, "neuronviewer.db"), store.DatabasePath);
        }
        Assert.True(File.Exists(Path.Combine(folder, "neuronviewer.db")));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(folder))!, recursive: true);
    }

    [Fact]
    public void A_folder_that_cannot_be_created_gets_a_message_naming_it_and_the_setting()
    {
        var file = Path.GetTempFileName();
        try
        {
            var folder = Path.Combine(file, "data");
            var e = Assert.Throws<StorageException>(() => NeuronViewerStore.Open(folder));
            Assert.Contains($"'{folder}' cannot be created", e.Message);
            Assert.Contains("NeuronViewer__DataFolder", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Empty_configuration_means_the_per_user_folder_and_a_tilde_means_home()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.Equal(Path.Combine(local, "NeuronViewer"), DataFolder.Resolve(""));
        Assert.Equal(Path.Combine(local, "NeuronViewer"), DataFolder.Resolve(null));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, "nv"), DataFolder.Resolve("~/nv"));
        Assert.Equal(Path.GetFullPath("relative"), DataFolder.Resolve("relative"));
        if (OperatingSystem.IsLinux())
            Assert.EndsWith(".local/share/NeuronViewer", DataFolder.Resolve(""));
    }

    [Fact]
    public void A_database_from_a_newer_schema_is_refused()
    {
        using var temp = new TempStore();
        temp.Store.Dispose();
        using (var lite = new LiteDatabase($"Filename={Path.Combine(temp.Folder, "neuronviewer.db")};Connection=direct"))
            lite.UserVersion = NeuronViewerStore.SchemaVersion + 1;
        var e = Assert.Throws<StorageException>(temp.Reopen);
        Assert.Contains("newer NeuronViewer", e.Message);
    }
}
