using TaskCenter.Core.Validation;
using TaskCenter.Server.Http;

namespace TaskCenter.Server.Endpoints;

/// <summary>Reads the task fields of a request body (the seed's names), for add, batch add and update.</summary>
internal static class TaskFields
{
    public static TaskSubmission Submission(this JsonFields body) => new()
    {
        Name = body.Text("name"),
        Type = body.WholeNumber("type"),
        Data = body.Text("data"),
        Crontab = body.Text("crontab"),
        LoopTime = body.WholeNumber("loop_time"),
        LoopCount = body.WholeNumber("loop_count"),
        StartTime = body.WholeNumber("start_time"),
        EndTime = body.WholeNumber("end_time"),
        MaxRuntime = body.WholeNumber("max_runtime"),
        Ack = body.Flag("ack"),
        TimeZone = body.Text("timezone"),
    };

    /// <summary>The fields to change (absent = unchanged); name and type are refused (400) rather than ignored.</summary>
    public static TaskSubmission Change(this JsonFields body)
    {
        foreach (var fixedField in new[] { "name", "type" })
        {
            if (body.Has(fixedField))
            {
                throw ApiException.BadRequest($"{fixedField} cannot be changed; delete the task and add a new one");
            }
        }

        return body.Submission();
    }
}
