# ChatMock standalone server: the SuperOffice AddChatMessage mock on WireMock.Net.
#
#   docker build -t chatmock .
#   docker run --rm -p 8080:8080 chatmock
#
# Every setting is an environment variable (ChatMock__Seed=42, ChatMock__JournalCapacity=1000, ...); see README.md.
# tests/container/run.sh builds and runs this file for real (docker, or podman on local stand-in base images).

# ---------------------------------------------------------------- build
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Where the certificate revocation servers are out of reach, NuGet waits on each one before it gives up (minutes):
# build with --build-arg NUGET_CERT_REVOCATION_MODE=offline there. Unset, NuGet checks online as usual.
ARG NUGET_CERT_REVOCATION_MODE

# Restore from the project and package files only: this layer stays cached until a dependency changes.
COPY global.json NuGet.config Directory.Build.props Directory.Packages.props ./
COPY src/ChatMock.Core/ChatMock.Core.csproj src/ChatMock.Core/
COPY src/ChatMock.Server/ChatMock.Server.csproj src/ChatMock.Server/
RUN dotnet restore src/ChatMock.Server/ChatMock.Server.csproj --disable-build-servers

# Then the sources (the contract schemas are embedded into ChatMock.Core) and the analyzer settings the build
# enforces, and publish framework-dependent: the runtime image provides ASP.NET Core.
COPY .editorconfig BannedSymbols.txt ./
COPY contracts/ contracts/
COPY src/ChatMock.Core/ src/ChatMock.Core/
COPY src/ChatMock.Server/ src/ChatMock.Server/
COPY src/Shared/ src/Shared/
RUN dotnet publish src/ChatMock.Server/ChatMock.Server.csproj --no-restore --disable-build-servers \
        -c Release -o /app -p:UseAppHost=false

# ---------------------------------------------------------------- runtime
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

LABEL org.opencontainers.image.title="ChatMock" \
      org.opencontainers.image.description="Mock and contract-test server for SuperOffice's POST /api/v1/Agents/Chat/AddChatMessage"

# The binaries and a copy of the contract stay owned by root: the app user can read them, not change them.
# The schemas are built in; ChatMock__ContractsPath=/app/contracts (or a folder mounted anywhere) validates
# against files instead.
COPY --from=build /app/ ./
COPY contracts/ /app/contracts/

ENV ASPNETCORE_HTTP_PORTS=8080 \
    ChatMock__Port=8080
EXPOSE 8080

# The non-root user of the .NET images (uid 1654).
USER $APP_UID

# The runtime image has no curl or wget: the server binary checks its own /__admin/health (exit 0 or 1).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "/app/ChatMock.Server.dll", "--health-check"]

# Exec form: dotnet is PID 1 and receives SIGTERM itself, so `docker stop` shuts the server down cleanly.
ENTRYPOINT ["dotnet", "/app/ChatMock.Server.dll"]
