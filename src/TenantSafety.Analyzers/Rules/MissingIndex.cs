using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Rules;

/// <summary>An index a query needs on a hot table that no index of the table serves (TSA2002), with the query's call.</summary>
/// <param name="Table">The entity whose table the query reads (the root of its table, for a derived type).</param>
/// <param name="Required">The equalities and ordering the index must lead with.</param>
/// <param name="Key">The table's tenant key, which the index starts with.</param>
/// <param name="Call">The execution point, where the finding is reported.</param>
internal readonly record struct MissingIndex(EntityInfo Table, RequiredIndex Required, TenantKeyReference Key, InvocationExpressionSyntax Call);
