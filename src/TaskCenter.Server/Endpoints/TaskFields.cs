using TaskCenter.Contracts;
using TaskCenter.Core.Validation;
using TaskCenter.Server.Http;
using TaskCenter.Server.Wire;

namespace TaskCenter.Server.Endpoints;

/// <summary>Reads the task fields of an update's body: those an update cannot change are refused (400) rather than ignored.</summary>
internal static class TaskFields
{
    /// <summary>The fields an add takes and an update does not (name, type).</summary>
    private static readonly string[] Fixed = [.. FieldNames<AddTaskRequest>().Except(FieldNames<UpdateTaskRequest>())];

    /// <summary>The fields to change (absent = unchanged).</summary>
    public static TaskSubmission Change(JsonBody body)
    {
        foreach (var fixedField in Fixed)
        {
            if (body.Has(fixedField))
            {
                throw ApiException.BadRequest($"{fixedField} cannot be changed; delete the task and add a new one");
            }
        }

        return WireMapper.ToSubmission(body.As<UpdateTaskRequest>());
    }

    private static IEnumerable<string> FieldNames<T>() => ServerJson.Requests.GetTypeInfo(typeof(T)).Properties.Select(field => field.Name);
}
