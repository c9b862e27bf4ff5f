using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Successions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DarkReason",
                table: "PlatformDomains",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DarkSince",
                table: "PlatformDomains",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Discovered",
                table: "PlatformDomains",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "DomainSuccessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    ToDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    ToPlatformId = table.Column<Guid>(type: "uuid", nullable: true),
                    Via = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    PageUrl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: false),
                    WarcFile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    WarcOffset = table.Column<long>(type: "bigint", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DomainSuccessions");

            migrationBuilder.DropTable(
                name: "LinkSightings");

            migrationBuilder.DropColumn(
                name: "DarkReason",
                table: "PlatformDomains");

            migrationBuilder.DropColumn(
                name: "DarkSince",
                table: "PlatformDomains");

            migrationBuilder.DropColumn(
                name: "Discovered",
                table: "PlatformDomains");
        }
    }
}
