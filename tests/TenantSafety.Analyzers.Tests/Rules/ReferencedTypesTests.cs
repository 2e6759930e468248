using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Types are looked up by name once per reference set, not once per compilation (<see cref="ReferencedTypes"/>): a fork
/// of a compilation (what the IDE makes on each keystroke) gets the very symbols a lookup of its own would, and a
/// compilation with other references, or whose source defines the name, never gets another compilation's answer.
/// </summary>
public sealed class ReferencedTypesTests
{
    private const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";

    [Theory]
    [InlineData(DbContext)]
    [InlineData("System.Linq.Queryable")]
    [InlineData("Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1")]
    [InlineData("Not.A.Type")]
    public void A_fork_gets_the_symbols_its_own_lookup_would(string metadataName)
    {
        var original = EfCoreReferences.Compile(EfCoreVersion.Ef10, "public class Order { }");
        var first = EfSymbols.TypeNamed(original, metadataName);

        var tree = original.SyntaxTrees[0];
        var fork = original.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "// edited\n")));
        var expected = Lookup(fork, metadataName);

        Assert.Same(expected, EfSymbols.TypeNamed(fork, metadataName));
        Assert.Same(first, EfSymbols.TypeNamed(fork, metadataName));
    }

    [Fact]
    public void A_compilation_with_other_references_gets_its_own_answer_whichever_asks_first()
    {
        var withEf = EfCoreReferences.Compile(EfCoreVersion.Ef10, "public class Order { }");
        var withoutEf = CSharpCompilation.Create("NoEf", [CSharpSyntaxTree.ParseText("public class Order { }")], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);

        Assert.NotNull(EfSymbols.TypeNamed(withEf, DbContext));
        Assert.Null(EfSymbols.TypeNamed(withoutEf, DbContext));

        var withoutEfAgain = CSharpCompilation.Create("NoEf2", [CSharpSyntaxTree.ParseText("public class Order { }")], EfCoreReferences.FrameworkOnly, EfCoreReferences.CompilationOptions);
        var withEfAgain = EfCoreReferences.Compile(EfCoreVersion.Ef10, "public class Order { }");
        Assert.Null(EfSymbols.TypeNamed(withoutEfAgain, DbContext));
        Assert.Same(Lookup(withEfAgain, DbContext), EfSymbols.TypeNamed(withEfAgain, DbContext));
    }

    [Fact]
    public void A_type_the_source_defines_wins_over_the_referenced_one_already_looked_up()
    {
        var original = EfCoreReferences.Compile(EfCoreVersion.Ef10, "public class Order { }");
        var referenced = EfSymbols.TypeNamed(original, "System.Linq.Queryable");
        Assert.NotNull(referenced);

        var tree = original.SyntaxTrees[0];
        var fork = original.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "namespace System.Linq { public static class Queryable { } }\n")));
        var found = EfSymbols.TypeNamed(fork, "System.Linq.Queryable");

        Assert.NotNull(found);
        Assert.Equal(TypeKind.Class, found!.TypeKind);
        Assert.Same(fork.Assembly, found.ContainingAssembly);
    }

#pragma warning disable RS0030 // The test compares with the lookup the cache stands in for.
    private static INamedTypeSymbol? Lookup(Compilation compilation, string metadataName) => compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
}
