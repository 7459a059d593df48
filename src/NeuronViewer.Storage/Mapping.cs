using LiteDB;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Codecs;

namespace NeuronViewer.Storage;

/// <summary>How the shared Core records are written as BSON (they are immutable records without parameterless constructors).</summary>
internal static class Mapping
{
    public static BsonMapper Create()
    {
        var mapper = new BsonMapper { EmptyStringToNull = false, TrimWhitespace = false, SerializeNullValues = false };
        mapper.RegisterType(
            (DateTimeOffset t) => new BsonDocument { ["ticks"] = t.UtcTicks, ["offset"] = (int)t.Offset.TotalMinutes },
            b => new DateTimeOffset(b["ticks"].AsInt64, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(b["offset"].AsInt32)));
        mapper.RegisterType(
            (NeuronId n) => new BsonDocument { ["layer"] = n.LayerIndex, ["index"] = n.NeuronIndex },
            b => new NeuronId(b["layer"].AsInt32, b["index"].AsInt32));
        mapper.RegisterType(
            (Usage u) => new BsonDocument { ["requests"] = u.Requests, ["prompt"] = u.PromptTokens, ["completion"] = u.CompletionTokens },
            b => new Usage(b["requests"].AsInt32, b["prompt"].AsInt64, b["completion"].AsInt64));
        mapper.RegisterType(
            (BackendInfo i) => new BsonDocument
            {
                ["kind"] = i.Kind, ["model"] = i.Model, ["prompt"] = i.PromptFormatVersion, ["baseline"] = i.IsBaseline,
            },
            b => new BackendInfo(b["kind"].AsString, b["model"].AsString, b["prompt"].AsString, b["baseline"].AsBoolean));
        mapper.RegisterType(
            (Provenance p) => new BsonDocument
            {
                ["subject"] = p.SubjectModel, ["revision"] = p.SubjectModelRevision, ["dtype"] = p.DType,
                ["activation"] = p.ActivationFunction, ["dataset"] = p.Dataset, ["explainer"] = p.Explainer,
                ["simulator"] = p.Simulator, ["prompt"] = p.PromptFormatVersion, ["seed"] = p.Seed,
                ["created"] = mapper.Serialize(p.CreatedAt),
            },
            b => new Provenance(
                b["subject"].AsString, b["revision"].AsString, b["dtype"].AsString, b["activation"].AsString, b["dataset"].AsString,
                NullableString(b["explainer"]), NullableString(b["simulator"]), NullableString(b["prompt"]),
                b["seed"].IsNull ? null : b["seed"].AsInt32, mapper.Deserialize<DateTimeOffset>(b["created"])));
        mapper.RegisterType(
            (ScoredSimulation s) => new BsonValue(SimulationCodec.Encode(s)),
            b => SimulationCodec.Decode(b.AsBinary));
        return mapper;
    }

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}
