using System.Linq;
using TenantSafety.Analyzers.Sql;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Sql;

public class SqlTokenizerTests
{
    private static string Describe(string sql) =>
        string.Join(" ", SqlTokenizer.Tokenize(sql).Select(t => $"{Short(t.Kind)}:{t.Value}"));

    private static string Short(SqlTokenKind kind) => kind switch
    {
        SqlTokenKind.Word => "w",
        SqlTokenKind.QuotedIdentifier => "q",
        SqlTokenKind.String => "s",
        SqlTokenKind.Number => "n",
        SqlTokenKind.Parameter => "p",
        SqlTokenKind.Operator => "o",
        _ => "c",
    };

    [Theory]
    [InlineData("SELECT * FROM messages", "w:SELECT o:* w:FROM w:messages")]
    [InlineData("select m.team_id from public.messages m", "w:select w:m c:. w:team_id w:from w:public c:. w:messages w:m")]
    [InlineData("WHERE team_id = {0} AND id = @p1 OR x = $2", "w:WHERE w:team_id o:= p:{0} w:AND w:id o:= p:@p1 w:OR w:x o:= p:$2")]
    [InlineData("a<>b a>=b a!=b a::uuid", "w:a o:<> w:b w:a o:>= w:b w:a o:!= w:b w:a o::: w:uuid")]
    [InlineData("x=-1", "w:x o:= o:- n:1")]
    [InlineData("data @> '{}' AND tags ? 'a'", "w:data o:@> s:{} w:AND w:tags o:? s:a")]
    [InlineData("1 2.5 .5 1e10 3.0E-2", "n:1 n:2.5 n:.5 n:1e10 n:3.0E-2")]
    [InlineData("f(a, b); g[1]", "w:f c:( w:a c:, w:b c:) c:; w:g c:[ n:1 c:]")]
    public void Tokens(string sql, string expected) => Assert.Equal(expected, Describe(sql));

    [Theory]
    [InlineData("-- team_id = 1\nSELECT 1", "w:SELECT n:1")]
    [InlineData("SELECT 1 -- trailing team_id", "w:SELECT n:1")]
    [InlineData("/* team_id */ SELECT /* a /* nested team_id */ still comment */ 1", "w:SELECT n:1")]
    [InlineData("SELECT 1 /* unterminated team_id", "w:SELECT n:1")]
    [InlineData("a--b\nc", "w:a w:c")]
    [InlineData("a/*b*/c", "w:a w:c")]
    public void Comments_produce_no_tokens(string sql, string expected) => Assert.Equal(expected, Describe(sql));

    [Theory]
    [InlineData("'team_id = 1'", "s:team_id = 1")]
    [InlineData("'it''s'", "s:it's")]
    [InlineData("E'a\\'b' x", "s:a'b w:x")]
    [InlineData("e'\\\\' x", "s:\\ w:x")]
    [InlineData("$$ WHERE team_id = 1 $$ x", "s: WHERE team_id = 1  w:x")]
    [InlineData("$body$ it's $$ inside $body$ x", "s: it's $$ inside  w:x")]
    [InlineData("B'1010' X'ff' N'n'", "s:1010 s:ff s:n")]
    [InlineData("U&'d\\0061t' U&\"d\\0061t\"", "s:d\\0061t q:d\\0061t")]
    [InlineData("'unterminated team_id", "s:unterminated team_id")]
    [InlineData("'a' -- 'b'\n'c'", "s:a s:c")]
    [InlineData("'-- not a comment' x", "s:-- not a comment w:x")]
    public void String_constants_are_one_token(string sql, string expected) => Assert.Equal(expected, Describe(sql));

    [Theory]
    [InlineData("\"TeamId\"", "q:TeamId")]
    [InlineData("\"a\"\"b\"", "q:a\"b")]
    [InlineData("\"select\" \"team_id = 1\"", "q:select q:team_id = 1")]
    [InlineData("\"Messages\".\"TeamId\"", "q:Messages c:. q:TeamId")]
    public void Quoted_identifiers_keep_their_name(string sql, string expected) => Assert.Equal(expected, Describe(sql));

    [Fact]
    public void A_quoted_keyword_is_a_name_not_a_keyword()
    {
        var tokens = SqlTokenizer.Tokenize("\"CONCURRENTLY\" CONCURRENTLY concurrently");
        Assert.False(tokens[0].IsKeyword("CONCURRENTLY"));
        Assert.True(tokens[0].IsName);
        Assert.True(tokens[1].IsKeyword("CONCURRENTLY"));
        Assert.True(tokens[2].IsKeyword("CONCURRENTLY"));
    }

    [Fact]
    public void Tokens_know_where_they_are()
    {
        var tokens = SqlTokenizer.Tokenize("CREATE  INDEX ix");
        Assert.Equal(8, tokens[1].Start);
        Assert.Equal(13, tokens[1].End);
        Assert.Equal("INDEX", tokens[1].Text);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$tag")]
    [InlineData("{")]
    [InlineData("{x}")]
    [InlineData("\\")]
    [InlineData("E'")]
    [InlineData("\"")]
    [InlineData("/*")]
    [InlineData("U&")]
    public void Odd_text_never_throws(string sql) => SqlTokenizer.Tokenize(sql);

    [Fact]
    public void Statements_split_on_semicolons_outside_strings_and_parentheses()
    {
        var statements = SqlStatements.Split("SELECT ';'; ; DO $$ BEGIN PERFORM 1; END $$; SELECT (1);");
        Assert.Equal(3, statements.Length);
        Assert.True(statements[1].StartsWith("DO"));
    }

    [Theory]
    [InlineData("SELECT id FROM leads", 1, 4)]
    [InlineData("SELECT id FROM leads;", 1, 4)]
    [InlineData(";SELECT id FROM leads;;", 1, 4)]
    [InlineData("DELETE FROM leads; SELECT id FROM leads", 2, 3)]
    [InlineData("", 0, 0)]
    [InlineData(" ; ; ", 0, 0)]
    public void A_statement_holds_its_tokens_without_the_semicolons_and_empty_statements_are_dropped(string text, int statementCount, int firstStatementTokens)
    {
        var statements = SqlStatements.Split(text);
        Assert.Equal(statementCount, statements.Length);
        if (statementCount > 0)
        {
            Assert.Equal(firstStatementTokens, statements[0].Tokens.Length);
            Assert.DoesNotContain(statements.SelectMany(s => s.Tokens), t => t.IsPunctuation(';'));
        }
    }
}
