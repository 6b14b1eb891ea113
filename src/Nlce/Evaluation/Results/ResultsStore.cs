using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Nlce.Evaluation.Results;

/// <summary>
/// The results store of robustness sweeps: one SQLite file with one row per image × model × attack × ε × defense × seed (DIC,
/// JSC, measured ‖δ‖) and a run table (configuration, library version, device, timings).
/// </summary>
/// <remarks>
/// Each <see cref="Write"/> is one transaction, so an interrupted sweep keeps every finished batch and loses at most the batch in
/// flight; <see cref="Missing"/> tells a resumed sweep what is left, so nothing stored is recomputed. The database runs in WAL mode
/// with a busy timeout and takes its write lock up front (<c>BEGIN IMMEDIATE</c>), so two processes writing the same store
/// serialise instead of corrupting it; a row already present is kept (first writer wins).
/// </remarks>
public sealed class ResultsStore : IDisposable
{
    /// <summary>Schema version written into the <c>meta</c> table.</summary>
    public const int SchemaVersion = 1;

    private readonly SqliteConnection connection;

    private ResultsStore(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) the store at <paramref name="path"/>.</summary>
    public static ResultsStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS runs(
                    run_id TEXT PRIMARY KEY, started_utc TEXT NOT NULL, finished_utc TEXT,
                    config_json TEXT NOT NULL, config_hash TEXT NOT NULL, library_version TEXT NOT NULL,
                    device TEXT NOT NULL, backend TEXT NOT NULL, timings_json TEXT);
                CREATE TABLE IF NOT EXISTS results(
                    model TEXT NOT NULL, attack TEXT NOT NULL, epsilon REAL NOT NULL, defense TEXT NOT NULL,
                    seed INTEGER NOT NULL, image TEXT NOT NULL, dice REAL NOT NULL, jaccard REAL NOT NULL,
                    linf REAL, l2 REAL, run_id TEXT NOT NULL,
                    PRIMARY KEY(model, attack, epsilon, defense, seed, image));
                INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '1');
                """);
            string version = Scalar(connection, "SELECT value FROM meta WHERE key = 'schema_version'") ?? "?";
            if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
                throw new InvalidDataException($"{full}: meta.schema_version is {version}; this library reads version {SchemaVersion}.");
            return new ResultsStore(full, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"{full}: not a usable results store ({e.Message}).", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Records the start of a run and returns its id.</summary>
    public string BeginRun(RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string id = $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid():N}"[..24];
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs(run_id, started_utc, config_json, config_hash, library_version, device, backend)
            VALUES($id, $started, $config, $hash, $version, $device, $backend)
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$started", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$config", info.ConfigJson);
        command.Parameters.AddWithValue("$hash", info.ConfigHash);
        command.Parameters.AddWithValue("$version", info.LibraryVersion);
        command.Parameters.AddWithValue("$device", info.Device);
        command.Parameters.AddWithValue("$backend", info.Backend);
        command.ExecuteNonQuery();
        return id;
    }

    /// <summary>Marks a run finished and stores its stage timings (seconds).</summary>
    public void FinishRun(string runId, IReadOnlyDictionary<string, double> timings)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET finished_utc = $finished, timings_json = $timings WHERE run_id = $id";
        command.Parameters.AddWithValue("$finished", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$timings", JsonSerializer.Serialize(timings));
        command.Parameters.AddWithValue("$id", runId);
        if (command.ExecuteNonQuery() != 1)
            throw new ArgumentException($"{Path}: no run with id '{runId}'.", nameof(runId));
    }

    /// <summary>Every run, oldest first.</summary>
    public IReadOnlyList<StoredRun> Runs()
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, started_utc, finished_utc, config_json, config_hash, library_version, device, backend, timings_json
            FROM runs ORDER BY started_utc, run_id
            """;
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            var timings = reader.IsDBNull(8)
                ? new Dictionary<string, double>()
                : JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(8)) ?? [];
            runs.Add(new StoredRun(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                new RunInfo(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)), timings));
        }
        return runs;
    }

    /// <summary>Writes a batch of rows in one transaction; rows whose key is already stored are kept as they were. Returns the rows inserted.</summary>
    public int Write(string runId, IReadOnlyCollection<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
            Validate(row);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO results(model, attack, epsilon, defense, seed, image, dice, jaccard, linf, l2, run_id)
            VALUES($model, $attack, $epsilon, $defense, $seed, $image, $dice, $jaccard, $linf, $l2, $run)
            ON CONFLICT DO NOTHING
            """;
        var parameters = new[] { "$model", "$attack", "$epsilon", "$defense", "$seed", "$image", "$dice", "$jaccard", "$linf", "$l2", "$run" }
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        int inserted = 0;
        foreach (var row in rows)
        {
            var k = row.Key;
            object?[] values = [k.Model, k.Attack, k.Epsilon, k.Defense, k.Seed, k.Image, row.Dice, row.Jaccard, row.PerturbationLinf, row.PerturbationL2, runId];
            for (int i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] ?? DBNull.Value;
            inserted += command.ExecuteNonQuery();
        }
        transaction.Commit();
        return inserted;
    }

    /// <summary>
    /// Copies every run and row of the store at <paramref name="sourcePath"/> into this one in one transaction: runs by id and rows by
    /// key, each only when absent (so importing the same store twice changes nothing). Rows keep the id of the run that computed them.
    /// </summary>
    /// <returns>Runs and rows copied, rows already here with the same values, and rows already here with other values (kept as they were).</returns>
    internal StoreImport Import(string sourcePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS source";
            attach.Parameters.AddWithValue("$path", System.IO.Path.GetFullPath(sourcePath));
            attach.ExecuteNonQuery();
        }
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            const string sameKey = """
                FROM source.results s JOIN main.results m
                ON s.model = m.model AND s.attack = m.attack AND s.epsilon = m.epsilon AND s.defense = m.defense AND s.seed = m.seed AND s.image = m.image
                """;
            long present = Count(transaction, $"SELECT COUNT(*) {sameKey}");
            long differing = Count(transaction,
                $"SELECT COUNT(*) {sameKey} WHERE s.dice IS NOT m.dice OR s.jaccard IS NOT m.jaccard OR s.linf IS NOT m.linf OR s.l2 IS NOT m.l2");
            int runs = Change(transaction, """
                INSERT OR IGNORE INTO main.runs(run_id, started_utc, finished_utc, config_json, config_hash, library_version, device, backend, timings_json)
                SELECT run_id, started_utc, finished_utc, config_json, config_hash, library_version, device, backend, timings_json FROM source.runs
                """);
            int rows = Change(transaction, """
                INSERT INTO main.results(model, attack, epsilon, defense, seed, image, dice, jaccard, linf, l2, run_id)
                SELECT model, attack, epsilon, defense, seed, image, dice, jaccard, linf, l2, run_id FROM source.results WHERE true
                ON CONFLICT DO NOTHING
                """);
            transaction.Commit();
            return new StoreImport(runs, rows, checked((int)(present - differing)), checked((int)differing));
        }
        finally
        {
            using var detach = connection.CreateCommand();
            detach.CommandText = "DETACH DATABASE source";
            detach.ExecuteNonQuery();
        }
    }

    /// <summary>The keys among <paramref name="wanted"/> that are not stored yet, in the given order.</summary>
    public IReadOnlyList<ResultKey> Missing(IEnumerable<ResultKey> wanted)
    {
        var stored = new HashSet<ResultKey>(Rows().Select(r => r.Key));
        return wanted.Where(k => !stored.Contains(k)).ToList();
    }

    /// <summary>Stored rows, optionally filtered, ordered by model, attack, defense, ε, seed, image.</summary>
    public IReadOnlyList<ResultRow> Rows(string? model = null, string? attack = null, string? defense = null)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        AddFilter(command, where, "model", model);
        AddFilter(command, where, "attack", attack);
        AddFilter(command, where, "defense", defense);
        command.CommandText = "SELECT model, attack, epsilon, defense, seed, image, dice, jaccard, linf, l2 FROM results"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY model, attack, defense, epsilon, seed, image";
        using var reader = command.ExecuteReader();
        var rows = new List<ResultRow>();
        while (reader.Read())
            rows.Add(new ResultRow(
                new ResultKey(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5)),
                reader.GetDouble(6), reader.GetDouble(7), reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9)));
        return rows;
    }

    /// <summary>Mean DIC/JSC per model × attack × ε × defense (over images and seeds), the data of the robustness curves (Fig. 4/5).</summary>
    public IReadOnlyList<ResultSummary> MeansByModelAndEpsilon(string? attack = null, string? defense = null)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        AddFilter(command, where, "attack", attack);
        AddFilter(command, where, "defense", defense);
        command.CommandText = "SELECT model, attack, epsilon, defense, COUNT(*), AVG(dice), AVG(jaccard) FROM results"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " GROUP BY model, attack, epsilon, defense ORDER BY model, attack, defense, epsilon";
        using var reader = command.ExecuteReader();
        var summaries = new List<ResultSummary>();
        while (reader.Read())
            summaries.Add(new ResultSummary(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetDouble(5), reader.GetDouble(6)));
        return summaries;
    }

    /// <summary>Writes rows as CSV (invariant culture, header line) atomically: a temporary file renamed into place.</summary>
    public static void WriteCsv(string path, IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder("model,attack,epsilon,defense,seed,image,dice,jaccard,linf,l2\n");
        foreach (var r in rows)
        {
            var k = r.Key;
            text.Append(CultureInfo.InvariantCulture,
                $"{Csv(k.Model)},{Csv(k.Attack)},{k.Epsilon:R},{Csv(k.Defense)},{k.Seed},{Csv(k.Image)},{r.Dice:R},{r.Jaccard:R},{r.PerturbationLinf?.ToString("R", CultureInfo.InvariantCulture)},{r.PerturbationL2?.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static void Validate(ResultRow row)
    {
        var k = row.Key;
        ArgumentException.ThrowIfNullOrWhiteSpace(k.Model, nameof(ResultKey.Model));
        ArgumentException.ThrowIfNullOrWhiteSpace(k.Attack, nameof(ResultKey.Attack));
        ArgumentException.ThrowIfNullOrWhiteSpace(k.Defense, nameof(ResultKey.Defense));
        ArgumentException.ThrowIfNullOrWhiteSpace(k.Image, nameof(ResultKey.Image));
        if (!double.IsFinite(k.Epsilon) || k.Epsilon < 0)
            throw new ArgumentOutOfRangeException(nameof(ResultKey.Epsilon), k.Epsilon, "ε must be finite and ≥ 0.");
        if (row.Dice is < 0 or > 1 || double.IsNaN(row.Dice))
            throw new ArgumentOutOfRangeException(nameof(ResultRow.Dice), row.Dice, $"{k}: DIC must be in [0, 1].");
        if (row.Jaccard is < 0 or > 1 || double.IsNaN(row.Jaccard))
            throw new ArgumentOutOfRangeException(nameof(ResultRow.Jaccard), row.Jaccard, $"{k}: JSC must be in [0, 1].");
    }

    private long Count(SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private int Change(SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static void AddFilter(SqliteCommand command, List<string> where, string column, string? value)
    {
        if (value is null)
            return;
        where.Add($"{column} = ${column}");
        command.Parameters.AddWithValue($"${column}", value);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public void Dispose() => connection.Dispose();
}
