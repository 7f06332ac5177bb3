namespace EpicZoom.Application.Common.Exceptions;

public sealed class NotFoundException(string entity, object key)
    : AppException(CommonErrors.NotFound with { Message = $"{entity} not found." }, $"{entity} '{key}' was not found.")
{
    public string Entity { get; } = entity;
}
