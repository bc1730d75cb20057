namespace TaskCenter.Server.Tests.Process;

/// <summary>Test classes that run with no other test class of this assembly beside them: they load the machine themselves.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Alone";
}
