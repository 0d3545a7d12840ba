namespace Obliviate.Reports.Evaluation;

/// <summary>
/// Every random source of a run, derived from one seed and recorded in <c>eval_results.json</c>: training-set sampling,
/// evaluation-set sampling, trigger positions and module initialisation each get their own stream, so changing one
/// (e.g. <c>--max-train</c>) never shifts another. Training steps reseed torch from (seed, epoch, step).
/// </summary>
public sealed record SeedPlan(int Seed)
{
    public int TrainSample => Seed;
    public int EvalSample => unchecked(Seed + 1);
    public int Poison => unchecked(Seed + 2);
    public int Init => unchecked(Seed + 3);
}
