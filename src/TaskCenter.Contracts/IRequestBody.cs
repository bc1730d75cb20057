namespace TaskCenter.Contracts;

/// <summary>
/// A request body. A field sent as null is a field not sent, so every field is nullable, for the server to tell what was
/// left out; a field the server requires is <c>required</c>: a client must set it, and null is no value for it (the
/// OpenAPI document lists it as required and not nullable).
/// </summary>
internal interface IRequestBody;
