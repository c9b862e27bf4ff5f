using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReleaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_Observations_Release",
                table: "Observations",
                column: "Release");

            migrationBuilder.CreateIndex(
                name: "IX_Observations_ReleaseGroup",
                table: "Observations",
                column: "ReleaseGroup");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Observations_Release",
                table: "Observations");

            migrationBuilder.DropIndex(
                name: "IX_Observations_ReleaseGroup",
                table: "Observations");

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
