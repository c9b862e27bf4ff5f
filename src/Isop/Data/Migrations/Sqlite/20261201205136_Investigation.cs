using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Investigation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FirstRunId",
                table: "SignalSightings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Sightings stored before this were first seen in a run that is no longer known: their last run stands for it.
            migrationBuilder.Sql("UPDATE \"SignalSightings\" SET \"FirstRunId\" = \"LastRunId\"");

            migrationBuilder.AddColumn<string>(
                name: "Identity",
                table: "SignalSightings",
                type: "TEXT",
                maxLength: 560,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WarcFile",
                table: "SignalSightings",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WarcOffset",
                table: "SignalSightings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DarkReason",
                table: "PlatformDomains",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DarkSince",
                table: "PlatformDomains",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Discovered",
                table: "PlatformDomains",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SuccessorSearchedAt",
                table: "PlatformDomains",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PostedAt",
                table: "Observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Release",
                table: "Observations",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReleaseGroup",
                table: "Observations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DomainSuccessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    ToDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    ToPlatformId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Via = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DomainSuccessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DomainSuccessions_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LinkSightings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    PageUrl = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    FirstSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    LastRunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WarcFile = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WarcOffset = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkSightings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkSightings_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LossModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PricePerView = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    PricePerDownload = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    SubstitutionLow = table.Column<double>(type: "REAL", nullable: false),
                    SubstitutionHigh = table.Column<double>(type: "REAL", nullable: false),
                    DefaultCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    CountryPrices = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LossModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignalSightings_Identity",
                table: "SignalSightings",
                column: "Identity");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_Release",
                table: "Observations",
                column: "Release");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_ReleaseGroup",
                table: "Observations",
                column: "ReleaseGroup");

            migrationBuilder.CreateIndex(
                name: "IX_DomainSuccessions_At",
                table: "DomainSuccessions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DomainSuccessions_PlatformId_FromDomain_ToDomain",
                table: "DomainSuccessions",
                columns: new[] { "PlatformId", "FromDomain", "ToDomain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LinkSightings_Host",
                table: "LinkSightings",
                column: "Host");

            migrationBuilder.CreateIndex(
                name: "IX_LinkSightings_PlatformId_Host",
                table: "LinkSightings",
                columns: new[] { "PlatformId", "Host" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LossModels_OwnerOrganisationId",
                table: "LossModels",
                column: "OwnerOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DomainSuccessions");

            migrationBuilder.DropTable(
                name: "LinkSightings");

            migrationBuilder.DropTable(
                name: "LossModels");

            migrationBuilder.DropIndex(
                name: "IX_SignalSightings_Identity",
                table: "SignalSightings");

            migrationBuilder.DropIndex(
                name: "IX_Observations_Release",
                table: "Observations");

            migrationBuilder.DropIndex(
                name: "IX_Observations_ReleaseGroup",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "FirstRunId",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "Identity",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "WarcFile",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "WarcOffset",
                table: "SignalSightings");

            migrationBuilder.DropColumn(
                name: "DarkReason",
                table: "PlatformDomains");

            migrationBuilder.DropColumn(
                name: "DarkSince",
                table: "PlatformDomains");

            migrationBuilder.DropColumn(
                name: "Discovered",
                table: "PlatformDomains");

            migrationBuilder.DropColumn(
                name: "SuccessorSearchedAt",
                table: "PlatformDomains");

            migrationBuilder.DropColumn(
                name: "PostedAt",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Release",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "ReleaseGroup",
                table: "Observations");
        }
    }
}
