using StackExchange.Redis;

namespace PartnerCenter.BatchStatus.Redis.Tests;

/// <summary>
/// A server (or a proxy in front of it) that answers the budget's script with something else than the script's answer
/// is not believed: the answer is refused, and the decision taken in the process as for any other Redis failure.
/// </summary>
public sealed class ScriptAnswerTests
{
    [Fact]
    public void The_scripts_answer_is_read_from_integers_or_strings_of_digits()
    {
        var answer = Array(RedisResult.Create(1), RedisResult.Create((RedisValue)"250000"), RedisResult.Create((RedisValue)"1796197295782266"), RedisResult.Create(3));

        Assert.Equal((true, 250_000L, 1_796_197_295_782_266L, 3), RedisRequestBudget.ReadTurn(answer));
    }

    [Fact]
    public void A_refusal_is_read_with_the_pause_left()
    {
        var answer = Array(RedisResult.Create(0), RedisResult.Create((RedisValue)"4000000"), RedisResult.Create(1L), RedisResult.Create(1));

        Assert.Equal((false, 4_000_000L, 1L, 1), RedisRequestBudget.ReadTurn(answer));
    }

    public static TheoryData<string, RedisResult> NotTheScriptsAnswers() => new()
    {
        { "a simple string", RedisResult.Create((RedisValue)"OK", ResultType.SimpleString) },
        { "a number", RedisResult.Create(1) },
        { "nothing", RedisResult.Create(RedisValue.Null) },
        { "three values, as an earlier script answered", Array(RedisResult.Create(1), RedisResult.Create(0), RedisResult.Create(5)) },
        { "a word for the wait", Array(RedisResult.Create(1), RedisResult.Create((RedisValue)"soon"), RedisResult.Create(5), RedisResult.Create(1)) },
        { "a fraction for the wait", Array(RedisResult.Create(1), RedisResult.Create((RedisValue)"2.5"), RedisResult.Create(5), RedisResult.Create(1)) },
        { "a verdict that is neither 0 nor 1", Array(RedisResult.Create(7), RedisResult.Create(0), RedisResult.Create(5), RedisResult.Create(1)) },
        { "no instance on the schedule", Array(RedisResult.Create(1), RedisResult.Create(0), RedisResult.Create(5), RedisResult.Create(0)) },
        { "an array in place of a number", Array(RedisResult.Create(1), Array(RedisResult.Create(0)), RedisResult.Create(5), RedisResult.Create(1)) },
    };

    [Theory]
    [MemberData(nameof(NotTheScriptsAnswers))]
    public void An_answer_of_another_shape_is_not_read(string what, RedisResult answer)
    {
        Assert.True(RedisRequestBudget.ReadTurn(answer) is null, what);
    }

    private static RedisResult Array(params RedisResult[] items) => RedisResult.Create(items);
}
