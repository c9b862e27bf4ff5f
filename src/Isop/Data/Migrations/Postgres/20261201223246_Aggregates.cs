using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Aggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Downloads",
                table: "Observations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Views",
                table: "Observations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlatformReleases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Release = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ReleaseGroup = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GroupKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Posted = table.Column<bool>(type: "boolean", nullable: false),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ObservationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PageUrl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    WarcFile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    WarcOffset = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlatformReleases_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Observations_FirstSeen",
                table: "Observations",
                column: "FirstSeen");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformReleases_At",
                table: "PlatformReleases",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformReleases_GroupKey_At",
                table: "PlatformReleases",
                columns: new[] { "GroupKey", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformReleases_Key",
                table: "PlatformReleases",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformReleases_PlatformId_Key",
                table: "PlatformReleases",
                columns: new[] { "PlatformId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlatformReleases");

            migrationBuilder.DropIndex(
                name: "IX_Observations_FirstSeen",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Downloads",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Views",
                table: "Observations");
        }
    }
}
