using TaskCenter.Packaging.Tests.Support;

namespace TaskCenter.Packaging.Tests;

/// <summary>
/// The C# a user copies from the docs compiles as written: every <c>```csharp</c> block of README.md, docs/ and the
/// packages' READMEs is the Program.cs of a fresh console app built on the packed SDK (a block fenced
/// <c>```csharp fragment</c> is a part of a program and is not compiled).
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class DocSnippetTests(LocalFeed feed)
{
    public static TheoryData<string, int> Programs()
    {
        var programs = new TheoryData<string, int>();
        foreach (var block in CSharpBlock.All().Where(block => block.Info == CSharpBlock.Program))
        {
            programs.Add(block.File, block.Line);
        }

        return programs;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_csharp_block_compiles_as_a_program_on_the_packages(string file, int line)
    {
        var block = CSharpBlock.At(file, line);

        var app = await ConsoleApp.BuildAsync(feed, "snippet", block.Code);

        Assert.True(app.Built, $"{file}:{line} does not compile:{Environment.NewLine}{app.BuildOutput}");
    }

    [Fact]
    public void Every_csharp_block_says_whether_it_is_a_program_or_a_fragment()
    {
        var unmarked = CSharpBlock.All().Where(block => block.Info is not (CSharpBlock.Program or CSharpBlock.Fragment));

        Assert.Empty(unmarked.Select(block => $"{block.File}:{block.Line} ```{block.Info}"));
    }

    [Fact]
    public void The_readme_has_a_program_to_compile() =>
        Assert.Contains(CSharpBlock.In("README.md"), block => block.Info == CSharpBlock.Program);
}
