#include <iomanip>
#include <iostream>
#include <string>

using namespace std;

int main()
{
    char name[32];
    char city[32];
    int age = 0;

    std::cout << "Name: ";
    // ruleid: cpp-cin-into-char-array
    std::cin >> name;
    // ruleid: cpp-cin-into-char-array
    cin >> age >> city;
    // ruleid: cpp-cin-into-char-array
    while (std::cin >> city) {
        std::cout << city << '\n';
    }
    // ok: cpp-cin-into-char-array
    std::cin >> std::setw(sizeof city) >> city;
    // ok: cpp-cin-into-char-array
    std::cin.getline(name, sizeof name);
    std::string full;
    // ok: cpp-cin-into-char-array
    std::cin >> full;
    // ok: cpp-cin-into-char-array
    std::cin >> age;
    return 0;
}
