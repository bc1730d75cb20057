namespace TaskCenter.Server.Http;

/// <summary>A caller's mistake, answered as <c>{"err": status, "msg": message}</c>. Thrown while reading a request.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
