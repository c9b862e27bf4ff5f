using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Seasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Season",
                table: "Observations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WorkSeasons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Episodes = table.Column<int>(type: "integer", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    Titles = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    WorkId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkSeasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkSeasons_Works_WorkId",
                        column: x => x.WorkId,
                        principalTable: "Works",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkSeasons_WorkId",
                table: "WorkSeasons",
                column: "WorkId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkSeasons");

            migrationBuilder.DropColumn(
                name: "Season",
                table: "Observations");
        }
    }
}
