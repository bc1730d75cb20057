using System.Globalization;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Stats;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>Puts a <see cref="FireAudit"/> into a row: lateness figures, missed and doubled fires, the samples for the plot.</summary>
public static class AuditToRow
{
    public static void Fill(SystemRow row, FireAudit audit)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(audit);
        row.Metrics[MetricKeys.Missed] = audit.Missed;
        row.Metrics[MetricKeys.Doubled] = audit.Doubled;
        if (LatenessSummary.Of(audit.LatenessMs) is { } lateness)
        {
            row.Metrics[MetricKeys.P50] = lateness.P50Ms;
            row.Metrics[MetricKeys.P99] = lateness.P99Ms;
            row.Metrics[MetricKeys.Max] = lateness.MaxMs;
            row.LatenessMs = audit.LatenessMs;
            row.LatenessPercentilesMs = Percentiles.Hundredths(audit.LatenessMs);
        }
        else
        {
            row.AppendNote("no fire seen");
        }

        if (audit.Missed > 0)
        {
            row.AppendNote(string.Create(CultureInfo.InvariantCulture, $"{audit.Missed:N0} of {audit.Expected:N0} fires not seen by the deadline"));
        }

        if (audit.OffSchedule > 0)
        {
            row.AppendNote(string.Create(CultureInfo.InvariantCulture, $"{audit.OffSchedule:N0} fires at a time that is not on the job's schedule"));
        }
    }

    /// <summary>Notes when scheduling ended after the first job was due: such jobs' lateness includes waiting for their add.</summary>
    public static void NoteOverrun(SystemRow row, DateTimeOffset schedulingEnded, DateTimeOffset firstDue)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (schedulingEnded > firstDue)
        {
            row.AppendNote(string.Create(CultureInfo.InvariantCulture,
                $"scheduling ended {(schedulingEnded - firstDue).TotalSeconds:F1} s after the first due time (lateness includes it)"));
        }
    }
}
