using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TaskCenter.Client.Tests.Support;
using TaskCenter.Contracts;

namespace TaskCenter.Client.Tests.Wire;

/// <summary>
/// The OpenAPI document, the server and the SDK agree on every field and its type: each shape the document names is
/// the SDK's contract type of that name, field for field and type for type; and what the SDK sends on each of its calls,
/// and what the server answers it, is what the document describes for that operation, with no field it does not list.
/// </summary>
public sealed class WireAgreementTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private static readonly DateTimeOffset FarAhead = new(2099, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_shape_of_the_document_is_the_sdks_contract_type_field_for_field()
    {
        var document = await ApiDocument.ReadAsync(fixture.Server.Http);
        var failures = new List<string>();

        foreach (var (name, schema) in document.Schemas)
        {
            var type = typeof(TaskCenterClient).Assembly.GetType($"TaskCenter.Contracts.{name}");
            if (type is null)
            {
                failures.Add($"{name}: the SDK has no such contract type");
                continue;
            }

            var contract = WireJsonContext.Default.GetTypeInfo(type)!;
            var documented = schema!["properties"]!.AsObject();
            var required = schema["required"]?.AsArray().Select(field => (string)field!).ToHashSet() ?? [];
            var request = typeof(IRequestBody).IsAssignableFrom(type);
            failures.AddRange(
                documented.Select(field => field.Key).Except(contract.Properties.Select(field => field.Name))
                    .Select(field => $"{name}.{field}: documented, not in the SDK's type"));
            foreach (var field in contract.Properties)
            {
                if (documented[field.Name] is not { } fieldSchema)
                {
                    failures.Add($"{name}.{field.Name}: in the SDK's type, not documented");
                    continue;
                }

                // A request's required field takes a value (null = absent): the document lists it as not nullable.
                var clrType = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
                var nullable = (clrType != field.PropertyType || field.IsGetNullable) && !(request && field.IsRequired);
                var expected = Json(clrType, nullable);
                if (!JsonNode.DeepEquals(expected, Shape(fieldSchema)))
                {
                    failures.Add($"{name}.{field.Name}: the SDK's {clrType.Name} is {expected.ToJsonString()}, the document's {Shape(fieldSchema).ToJsonString()}");
                }

                // Always present: a required member, or a constructor parameter without a default.
                var present = field.IsRequired || field.AssociatedParameter is { IsMemberInitializer: false, HasDefaultValue: false };
                if (present != required.Contains(field.Name))
                {
                    failures.Add($"{name}.{field.Name}: {(present ? "always present" : "optional")} in the SDK's type, {(present ? "not " : "")}required in the document");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task What_the_sdk_sends_and_the_server_answers_is_what_the_document_describes()
    {
        var document = await ApiDocument.ReadAsync(fixture.Server.Http);
        using var recorder = new RecordingHttpHandler();
        var options = fixture.ClientOptions;
        options.HttpHandler = recorder;
        using var client = new TaskCenterClient(options);

        await CallEveryOperationAsync(client);
        using (var raw = new HttpClient(recorder, disposeHandler: false) { BaseAddress = fixture.Server.BaseAddress })
        {
            // The consumer groups' calls, which the SDK does not make.
            (await raw.GetAsync(new Uri("v1/api/groups?limit=1", UriKind.Relative))).Dispose();
            (await raw.GetAsync(new Uri("v1/api/groups", UriKind.Relative))).Dispose();
            (await raw.DeleteAsync(new Uri($"v1/api/groups/{(await client.GetOverviewAsync()).Groups[0].Group}", UriKind.Relative))).Dispose();
        }

        var failures = new List<string>();
        var called = new HashSet<string>();
        foreach (var exchange in recorder.Exchanges)
        {
            var call = $"{exchange.Method} {exchange.Path}";
            if (document.Template(exchange.Method, exchange.Path) is not { } template)
            {
                failures.Add($"{call}: the document lists no such operation");
                continue;
            }

            called.Add($"{exchange.Method} {template}");
            if (document.Request(exchange.Method, template) is { } request)
            {
                failures.AddRange(ApiDocument.Problems(request, exchange.Body ?? "null").Select(problem => $"{call} sent {exchange.Body}: {problem}"));
            }
            else if (exchange.Body is not null)
            {
                failures.Add($"{call} sent a body the document does not describe: {exchange.Body}");
            }

            failures.AddRange(ApiDocument.Problems(document.Answer(exchange.Method, template, exchange.Status), exchange.Answer)
                .Select(problem => $"{call} answered {exchange.Status} {exchange.Answer}: {problem}"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Superset(
            new HashSet<string>
            {
                "POST /v1/api/task", "POST /v1/api/tasks/batch", "GET /v1/api/query-task-by-id", "GET /v1/api/query-task-by-name",
                "GET /v1/api/tasks", "PATCH /v1/api/tasks/{id}", "POST /v1/api/tasks/{id}/pause", "POST /v1/api/tasks/{id}/resume",
                "POST /v1/api/tasks/{id}/trigger", "GET /v1/api/tasks/{id}/next", "GET /v1/api/tasks/{id}/fires", "GET /v1/api/crontab/next",
                "GET /v1/api/task/stat", "GET /v1/api/overview", "POST /v1/api/consume", "POST /v1/api/ack", "POST /v1/api/nack",
                "GET /v1/api/dead-letters", "POST /v1/api/dead-letters/redrive", "POST /v1/api/dead-letters/purge",
                "POST /v1/api/delete-task", "POST /v1/api/delete-task-by-name", "GET /v1/api/groups", "DELETE /v1/api/groups/{group}",
                "PUT /v1/api/groups/{group}", "GET /v1/api/groups/{group}",
            },
            called);
    }

    /// <summary>Every call of the SDK, each field of its requests set, with answers that hold every field of theirs.</summary>
    private static async Task CallEveryOperationAsync(TaskCenterClient client)
    {
        var name = Unique.Name("wire");
        var everyField = new NewTask
        {
            Name = name, Type = TaskType.Interval, Data = "é <b> \"quoted\"", LoopTime = TimeSpan.FromSeconds(30), LoopCount = 3,
            StartTime = FarAhead, EndTime = FarAhead.AddDays(1), MaxRuntime = TimeSpan.FromSeconds(10), Ack = true, TimeZone = "Europe/Berlin",
        };
        var scheduled = await client.AddTaskAsync(everyField);
        var batch = await client.AddTasksAsync([everyField with { Name = name + ".b" }, NewTask.Cron(name + ".c", "c", "0 9 * * *", "UTC")]);
        await client.GetTaskAsync(scheduled.TaskId);
        await client.GetTaskAsync("0123456789abcdef01234567"); // a 404: the error shape
        await client.GetTasksByNameAsync(name);
        await client.ListTasksAsync(new TaskFilter { NamePrefix = name, Type = TaskType.Interval, State = TaskState.Pending }, limit: 10);
        await client.UpdateTaskAsync(scheduled.TaskId, new TaskChange
        {
            Data = "new", LoopTime = TimeSpan.FromSeconds(60), LoopCount = 5, StartTime = FarAhead.AddHours(1), RemoveEndTime = true,
            MaxRuntime = TimeSpan.FromSeconds(20), Ack = false, TimeZone = "UTC",
        });
        await client.PauseTaskAsync(scheduled.TaskId);
        await client.ResumeTaskAsync(scheduled.TaskId);
        await client.GetNextFiresAsync(scheduled.TaskId, 3);
        await client.GetCrontabNextAsync("0 9 * * *", "Europe/Berlin", FarAhead, 2);

        // A fire now, nacked until it is a dead letter (the fixture's retries are short); another triggered and acked.
        var group = Unique.Name("wire-group");
        var failing = await client.AddTaskAsync(NewTask.Once(name + ".now", "now"));
        for (var attempt = 1; attempt <= ServerFixture.Attempts; attempt++)
        {
            var message = await ConsumeOneAsync(client, group, name + ".now");
            await client.NackAsync(group, message.MsgId, $"attempt {attempt} failed");
        }

        var letters = await client.GetDeadLettersAsync(group, limit: 10);
        await client.TriggerTaskAsync(scheduled.TaskId);
        var triggered = await ConsumeOneAsync(client, group, name);
        await client.AckAsync(group, [triggered.MsgId]);
        await client.GetFireHistoryAsync(failing.TaskId);
        await client.GetFireHistoryAsync(scheduled.TaskId, limit: 1);
        await client.GetStatAsync();
        await client.GetOverviewAsync();
        await client.RedriveDeadLettersAsync(group, [letters[0].MsgId]);
        await client.PurgeDeadLettersAsync(group);
        var pushGroup = Unique.Name("wire-push");
        await client.PutGroupAsync(pushGroup, new GroupDeclaration
        {
            Tags = name + ".push",
            Push = new PushTarget
            {
                Url = new Uri("http://127.0.0.1:5080/hooks/wire"), ContentType = "text/plain", Timeout = TimeSpan.FromSeconds(5),
                MaxConcurrency = 2, Headers = new Dictionary<string, string> { ["X-Team"] = "billing" },
            },
        }); // the secret generated: the answer holds it
        await client.PutGroupAsync(pushGroup, new GroupDeclaration
        {
            Tags = name + ".push", Push = new PushTarget { Url = new Uri("http://127.0.0.1:5080/hooks/wire"), Secret = WebhookSignature.NewSecret() },
        });
        await client.GetGroupAsync(pushGroup);
        await client.GetGroupAsync(Unique.Name("wire-undeclared")); // a 404
        await client.GetOverviewAsync(); // with a push group in push_groups
        await client.DeleteGroupAsync(pushGroup);
        await client.DeleteGroupAsync(Unique.Name("wire-undeclared")); // a 404
        await client.DeleteTasksAsync([batch[0].TaskId]);
        await client.DeleteTasksByNameAsync(name);
    }

    private static async Task<TaskMessage> ConsumeOneAsync(TaskCenterClient client, string group, string tags)
    {
        var request = new ConsumeRequest { Group = group, Tags = tags, MaxMessages = 1, WaitTime = TimeSpan.FromSeconds(10), Lease = TimeSpan.FromSeconds(30) };
        return Assert.Single(await client.ConsumeAsync(request));
    }

    /// <summary>The document's JSON type of a field of the SDK's contract type.</summary>
    private static JsonNode Json(Type type, bool nullable)
    {
        JsonNode Typed(string json) => nullable ? new JsonArray("null", json) : json;

        if (type == typeof(string))
        {
            return Typed("string");
        }

        if (type == typeof(long) || type == typeof(int))
        {
            return Typed("integer");
        }

        if (type == typeof(bool))
        {
            return Typed("boolean");
        }

        var contract = WireJsonContext.Default.GetTypeInfo(type);
        return contract?.Kind switch
        {
            JsonTypeInfoKind.Enumerable => new JsonObject { ["type"] = Typed("array"), ["items"] = Json(contract.ElementType!, nullable: false) },
            JsonTypeInfoKind.Dictionary => Typed("object"),
            JsonTypeInfoKind.Object => nullable
                ? new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" }) }
                : new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" },
            _ => throw new InvalidOperationException($"{type} is no type of the wire"),
        };
    }

    /// <summary>A field's schema in the document, without its description and format.</summary>
    private static JsonNode Shape(JsonNode fieldSchema)
    {
        if (fieldSchema["$ref"] is not null || fieldSchema["oneOf"] is not null)
        {
            return fieldSchema["$ref"] is { } reference ? new JsonObject { ["$ref"] = reference.DeepClone() } : new JsonObject { ["oneOf"] = fieldSchema["oneOf"]!.DeepClone() };
        }

        var type = fieldSchema["type"]!.DeepClone();
        return fieldSchema["items"] is { } items ? new JsonObject { ["type"] = type, ["items"] = Shape(items) } : type;
    }
}
