namespace EpicZoom.Application.Common.Exceptions;

public sealed class ForbiddenAccessException() : AppException(CommonErrors.Forbidden);
