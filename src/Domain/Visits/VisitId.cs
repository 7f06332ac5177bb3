namespace EpicZoom.Domain.Visits;

public readonly record struct VisitId(Guid Value)
{
    public static VisitId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}
