using TaskCenter.Client.Internal;
using TaskCenter.Contracts;

namespace TaskCenter.Client;

// The built-in queue (consume, ack, nack) and the dead letters.
public sealed partial class TaskCenterClient
{
    /// <summary>
    /// Takes up to <see cref="ConsumeRequest.MaxMessages"/> messages for a consumer group (<c>POST /v1/api/consume</c>),
    /// long-polling up to <see cref="ConsumeRequest.WaitTime"/>. The request timeout is extended by that wait.
    /// </summary>
    /// <param name="request">The consume parameters.</param>
    /// <param name="cancellationToken">Cancels the request; messages the server leased meanwhile are delivered again after the lease.</param>
    /// <returns>The messages, possibly none.</returns>
    public async Task<IReadOnlyList<TaskMessage>> ConsumeAsync(ConsumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ConsumeRequestBody
        {
            Group = request.Group,
            Tags = request.Tags,
            Max = request.MaxMessages,
            WaitMs = WireMapper.ToMilliseconds(request.WaitTime),
            LeaseMs = request.Lease is { } lease ? WireMapper.ToMilliseconds(lease) : null,
        };
        var response = await SendAsync(
            HttpMethod.Post, "v1/api/consume", Serialize(body, ClientJson.Of<ConsumeRequestBody>()),
            ClientJson.Of<ConsumeResponse>(), request.WaitTime > TimeSpan.Zero ? request.WaitTime : TimeSpan.Zero,
            nullOn404: false, cancellationToken).ConfigureAwait(false);
        return [.. (response!.Messages ?? []).Select(WireMapper.ToModel)];
    }

    /// <summary>
    /// Acknowledges messages of a group (<c>POST /v1/api/ack</c>): they are done and not delivered again. All or nothing:
    /// when one of them was never handed out to the group (since it was recorded or redriven), the server acks none and
    /// answers 409 (<see cref="TaskCenterApiException"/>) naming it.
    /// </summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids the server acknowledged (ids the group no longer holds are left out).</returns>
    public async Task<IReadOnlyList<string>> AckAsync(string group, IEnumerable<string> msgIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(msgIds);
        var response = await PostAsync(
            "v1/api/ack", new AckRequest { Group = group, MsgIds = [.. msgIds] }, ClientJson.Of<AckRequest>(),
            ClientJson.Of<AckResponse>(), cancellationToken).ConfigureAwait(false);
        return response.Acked ?? [];
    }

    /// <summary>
    /// Reports that handling a message failed (<c>POST /v1/api/nack</c>): the server retries it on its delay levels or, out
    /// of attempts, makes it a dead letter. Throws <see cref="TaskCenterApiException"/>: 404 when the group holds no such
    /// message, 409 when it was never handed out (only a received message can be nacked). A nack of a message already
    /// waiting for its retry leaves it as it is and answers its retry time.
    /// </summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgId">The message id.</param>
    /// <param name="failure">Why it failed; kept as the dead letter's last error.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<NackOutcome> NackAsync(string group, string msgId, string? failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(msgId);
        var response = await PostAsync(
            "v1/api/nack", new NackRequest { Group = group, MsgId = msgId, Error = failure }, ClientJson.Of<NackRequest>(),
            ClientJson.Of<NackResponse>(), cancellationToken).ConfigureAwait(false);
        return WireMapper.ToModel(response, msgId);
    }

    /// <summary>Lists a group's dead letters (<c>GET /v1/api/dead-letters</c>).</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="limit">The most to return; <see langword="null"/> for the server's default (100).</param>
    /// <param name="after">Page on: only dead letters after this message id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(
        string group, int? limit = null, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var query = new QueryBuilder("v1/api/dead-letters")
            .Add("group", group)
            .Add("limit", limit)
            .Add("after", after);
        var response = await GetAsync(query.ToString(), ClientJson.Of<DeadLettersResponse>(), cancellationToken)
            .ConfigureAwait(false);
        return [.. (response.DeadLetters ?? []).Select(WireMapper.ToModel)];
    }

    /// <summary>Delivers dead letters again (<c>POST /v1/api/dead-letters/redrive</c>).</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgIds">The message ids; <see langword="null"/> for all of the group's dead letters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids redriven.</returns>
    public Task<IReadOnlyList<string>> RedriveDeadLettersAsync(
        string group, IEnumerable<string>? msgIds = null, CancellationToken cancellationToken = default) =>
        DeadLetterBatchAsync("v1/api/dead-letters/redrive", group, msgIds, cancellationToken);

    /// <summary>Deletes dead letters for good (<c>POST /v1/api/dead-letters/purge</c>).</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgIds">The message ids; <see langword="null"/> for all of the group's dead letters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids purged.</returns>
    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(
        string group, IEnumerable<string>? msgIds = null, CancellationToken cancellationToken = default) =>
        DeadLetterBatchAsync("v1/api/dead-letters/purge", group, msgIds, cancellationToken);

    private async Task<IReadOnlyList<string>> DeadLetterBatchAsync(
        string path, string group, IEnumerable<string>? msgIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var body = new DeadLetterSelection { Group = group, MsgIds = msgIds is null ? null : [.. msgIds] };
        var response = await PostAsync(
            path, body, ClientJson.Of<DeadLetterSelection>(), ClientJson.Of<MsgIdsResponse>(),
            cancellationToken).ConfigureAwait(false);
        return response.MsgIds ?? [];
    }
}
