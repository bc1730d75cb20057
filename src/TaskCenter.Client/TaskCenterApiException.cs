using System.Globalization;
using System.Net;

namespace TaskCenter.Client;

/// <summary>
/// Thrown when the TaskCenter server answers with a non-success status and an error body
/// <c>{"err": code, "msg": "..."}</c>.
/// </summary>
public sealed class TaskCenterApiException : Exception
{
    /// <summary>Creates an exception for an error answer.</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="err">The body's <c>err</c> code (equal to the HTTP status).</param>
    /// <param name="msg">The body's <c>msg</c>: what is wrong, naming the field.</param>
    public TaskCenterApiException(HttpStatusCode statusCode, int err, string msg)
        : base(string.Create(CultureInfo.InvariantCulture, $"TaskCenter error {err} ({statusCode}): {msg}"))
    {
        StatusCode = statusCode;
        Err = err;
        Msg = msg;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The error body's <c>err</c> code; the server sets it equal to the HTTP status.</summary>
    public int Err { get; }

    /// <summary>The error body's <c>msg</c>: what is wrong, naming the field.</summary>
    public string Msg { get; }
}
