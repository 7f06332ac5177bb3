using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Faults;

/// <summary>Active fault rules of both simulators. The draw and the countdown happen under one lock.</summary>
internal sealed class FaultRegistry(IOptions<SandboxOptions> options)
{
    private readonly Lock gate = new();
    private readonly List<(Simulator Simulator, FaultRule Rule)> rules = [];
    private readonly Random random = options.Value.FaultRandomSeed is { } seed ? new Random(seed) : new Random();
    private int nextId;

    public FaultRule Add(Simulator simulator, FaultRequest request)
    {
        lock (gate)
        {
            var rule = new FaultRule(
                ++nextId,
                request.Endpoint!.Trim(),
                request.StatusCode,
                request.DelayMs ?? 0,
                request.FailNext,
                request.FailRatio)
            {
                RetryAfterSeconds = request.RetryAfterSeconds ?? 1,
                RateLimitType = request.RateLimitType,
            };
            rules.Add((simulator, rule));
            return rule;
        }
    }

    public IReadOnlyList<FaultRule> List(Simulator simulator)
    {
        lock (gate)
        {
            return rules.Where(r => r.Simulator == simulator).Select(r => r.Rule).ToList();
        }
    }

    public void Clear(Simulator simulator)
    {
        lock (gate)
        {
            rules.RemoveAll(r => r.Simulator == simulator);
        }
    }

    /// <summary>The first rule that matches and wins its ratio draw decides; null lets the request through.</summary>
    public FaultDecision? Decide(Simulator simulator, string? endpointName, string path)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var (owner, rule) = rules[i];
                if (owner != simulator || !rule.Matches(endpointName, path))
                {
                    continue;
                }

                if (rule.FailRatio is { } ratio && random.NextDouble() >= ratio)
                {
                    continue;
                }

                if (rule.FailNext is { } remaining)
                {
                    if (remaining <= 1)
                    {
                        rules.RemoveAt(i);
                    }
                    else
                    {
                        rules[i] = (owner, rule with { FailNext = remaining - 1 });
                    }
                }

                return new FaultDecision(rule.StatusCode, rule.DelayMs, rule.RetryAfterSeconds, rule.RateLimitType);
            }

            return null;
        }
    }
}
