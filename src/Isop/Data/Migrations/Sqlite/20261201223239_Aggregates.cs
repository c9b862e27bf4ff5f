using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Views",
                table: "Observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlatformReleases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlatformId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ReleaseGroup = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Posted = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    ObservationKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PageUrl = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    WarcFile = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WarcOffset = table.Column<long>(type: "INTEGER", nullable: true)
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
