namespace TaskCenter.Core.Push;

/// <summary>What became of <see cref="IPushGroupStore.PutAsync"/>.</summary>
public enum PushGroupWrite
{
    /// <summary>A new push group was stored.</summary>
    Created,

    /// <summary>The push group existed and now has the settings given.</summary>
    Replaced,

    /// <summary>The group is new and the server holds the most push groups allowed already: nothing was written.</summary>
    TooMany,
}
