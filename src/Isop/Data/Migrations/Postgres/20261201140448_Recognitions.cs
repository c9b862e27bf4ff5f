using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Recognitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddUniqueConstraint(
                name: "AK_Observations_PlatformId_Key",
                table: "Observations",
                columns: new[] { "PlatformId", "Key" });

            migrationBuilder.CreateTable(
                name: "Recognitions",
                columns: table => new
                {
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkId = table.Column<Guid>(type: "uuid", nullable: true),
                    AboutWorkId = table.Column<Guid>(type: "uuid", nullable: true),
                    OtherWorkId = table.Column<Guid>(type: "uuid", nullable: true),
                    Season = table.Column<int>(type: "integer", nullable: true),
                    Episode = table.Column<int>(type: "integer", nullable: true),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recognitions", x => new { x.PlatformId, x.Key });
                    table.ForeignKey(
                        name: "FK_Recognitions_Observations_PlatformId_Key",
                        columns: x => new { x.PlatformId, x.Key },
                        principalTable: "Observations",
                        principalColumns: new[] { "PlatformId", "Key" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_WorkId",
                table: "Recognitions",
                column: "WorkId");

            // Recognitions that named a work move to their own table; the reasons of abstentions are not kept, since
            // they may speak of works the platform's readers may not see and were stored without saying which.
            migrationBuilder.Sql(
                "INSERT INTO \"Recognitions\" (\"PlatformId\", \"Key\", \"WorkId\", \"AboutWorkId\", \"Season\", \"Episode\", \"Confidence\", \"Reasons\", \"SeenAt\") " +
                "SELECT \"PlatformId\", \"Key\", \"WorkId\", \"WorkId\", \"Season\", \"Episode\", \"Confidence\", \"Reasons\", \"LastSeen\" FROM \"Observations\" WHERE \"WorkId\" IS NOT NULL");

            migrationBuilder.DropIndex(
                name: "IX_Observations_WorkId",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Confidence",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Episode",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Reasons",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Season",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "WorkId",
                table: "Observations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Recognitions");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Observations_PlatformId_Key",
                table: "Observations");

            migrationBuilder.AddColumn<double>(
                name: "Confidence",
                table: "Observations",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "Episode",
                table: "Observations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reasons",
                table: "Observations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Season",
                table: "Observations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WorkId",
                table: "Observations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Observations_WorkId",
                table: "Observations",
                column: "WorkId");
        }
    }
}
