namespace EpicZoom.Application.Common.Exceptions;

public sealed class ForbiddenAccessException() : Exception("You are not allowed to do this.");
