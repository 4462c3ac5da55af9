# AgentWatch silo image. Build: docker build -t agentwatch .   Run: see docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/AgentWatch.Cli/AgentWatch.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Data (database, briefs, lock) lives on a volume; a container listens beyond loopback, so it needs an API key
# (AGENTWATCH_Silo__ApiKey): the silo refuses to start without one.
ENV AGENTWATCH_Silo__DataDirectory=/data \
    AGENTWATCH_Silo__Bind=0.0.0.0 \
    AGENTWATCH_Silo__Port=5080
RUN mkdir -p /data && chown app /data
VOLUME ["/data"]
# 5080: the HTTP API. 11111: silo to silo, 30000: the gateway for clients (Orleans), as docker-compose.yml sets them.
EXPOSE 5080 11111 30000
USER app
ENTRYPOINT ["dotnet", "agentwatch.dll"]
CMD ["silo"]
