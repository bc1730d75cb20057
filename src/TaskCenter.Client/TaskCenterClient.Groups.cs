using TaskCenter.Client.Internal;
using TaskCenter.Contracts;

namespace TaskCenter.Client;

// Declared consumer groups: a subscription, and for a push group the target its messages are POSTed to.
public sealed partial class TaskCenterClient
{
    /// <summary>
    /// Declares a consumer group, or changes it (<c>PUT /v1/api/groups/{group}</c>, an admin's call): from then on every
    /// fire whose tag matches <see cref="GroupDeclaration.Tags"/> gets a message for the group. With a
    /// <see cref="GroupDeclaration.Push"/> target the server POSTs each message there, signed, instead of waiting for
    /// consumers to pull it. Throws <see cref="TaskCenterApiException"/> 400 naming a field the server refuses.
    /// </summary>
    /// <param name="group">The group's name (same characters as a task name).</param>
    /// <param name="declaration">Its subscription and push target.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The group as declared; for a push group whose secret the server generated, with that secret (only here).</returns>
    public async Task<GroupInfo> PutGroupAsync(string group, GroupDeclaration declaration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var dto = (await SendAsync(
            HttpMethod.Put, GroupPath(group), Serialize(WireMapper.ToWire(declaration), ClientJson.Of<PutGroupRequest>()),
            ClientJson.Of<GroupDeclarationResponse>(), TimeSpan.Zero, nullOn404: false, cancellationToken).ConfigureAwait(false))!;
        return WireMapper.ToModel(dto);
    }

    /// <summary>
    /// Gets a declared group (<c>GET /v1/api/groups/{group}</c>): its subscription and push target, with how pushing to it
    /// goes as the answering server instance sees it. The secret is never returned here.
    /// </summary>
    /// <param name="group">The group's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The group, or <see langword="null"/> when the server answers 404 (no such declared group).</returns>
    public async Task<GroupInfo?> GetGroupAsync(string group, CancellationToken cancellationToken = default)
    {
        var dto = await SendAsync(
            HttpMethod.Get, GroupPath(group), content: null, ClientJson.Of<GroupDeclarationResponse>(), TimeSpan.Zero,
            nullOn404: true, cancellationToken).ConfigureAwait(false);
        return dto is null ? null : WireMapper.ToModel(dto);
    }

    /// <summary>
    /// Deletes a consumer group (<c>DELETE /v1/api/groups/{group}</c>, an admin's call): its push target, its subscription,
    /// its messages not acked yet and its dead letters are gone for good (consumers still polling a pull group make it again).
    /// </summary>
    /// <param name="group">The group's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What was removed, or <see langword="null"/> when the server answers 404 (no such group).</returns>
    public async Task<RemovedGroup?> DeleteGroupAsync(string group, CancellationToken cancellationToken = default)
    {
        var dto = await SendAsync(
            HttpMethod.Delete, GroupPath(group), content: null, ClientJson.Of<GroupRemovedResponse>(), TimeSpan.Zero,
            nullOn404: true, cancellationToken).ConfigureAwait(false);
        return dto is null ? null : WireMapper.ToModel(dto);
    }

    private static string GroupPath(string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return "v1/api/groups/" + Uri.EscapeDataString(group);
    }
}
