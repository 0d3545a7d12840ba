using Obliviate.Engine.Training;

namespace Obliviate.Engine.Tests.Training;

public class LinearScheduleTests
{
    [Fact]
    public void Warmup_then_linear_decay_to_zero_like_transformers()
    {
        var s = LinearSchedule.Create(100, 0.05); // ⌈5⌉ = 5 warm-up steps
        Assert.Equal(5, s.WarmupSteps);
        Assert.Equal(0.0, s.Multiplier(0));
        Assert.Equal(0.4, s.Multiplier(2), 12);
        Assert.Equal(1.0, s.Multiplier(5), 12);
        Assert.Equal(50.0 / 95, s.Multiplier(50), 12);
        Assert.Equal(0.0, s.Multiplier(100));
    }

    [Fact]
    public void Without_warmup_the_first_step_uses_the_full_rate()
    {
        var s = LinearSchedule.Create(10, 0);
        Assert.Equal(1.0, s.Multiplier(0));
        Assert.Equal(0.1, s.Multiplier(9), 12);
    }
}
